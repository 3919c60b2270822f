package com.verk.server.tenancy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Resolves a presented bearer key to its principal; revoked keys resolve to nothing. */
@Component
class ApiKeyAuthenticator {

  private final JdbcClient jdbc;

  ApiKeyAuthenticator(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<ApiPrincipal> authenticate(String rawKey) {
    return jdbc.sql(
            "SELECT id, org_id, member_id, scopes FROM api_keys"
                + " WHERE key_hash = ? AND revoked_at IS NULL")
        .param(ApiKeyHasher.hash(rawKey))
        .query(
            (rs, n) ->
                new ApiPrincipal(
                    rs.getString("org_id"),
                    rs.getString("id"),
                    rs.getString("member_id"),
                    parseScopes(rs.getString("scopes"))))
        .optional();
  }

  static EnumSet<Scope> parseScopes(String stored) {
    EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
    Arrays.stream(stored.split(" "))
        .map(Scope::fromWireName)
        .flatMap(Optional::stream)
        .forEach(scopes::add);
    return scopes;
  }
}
