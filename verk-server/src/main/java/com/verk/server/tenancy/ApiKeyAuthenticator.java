package com.verk.server.tenancy;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Resolves a presented bearer key to its principal; revoked keys resolve to nothing. */
@Component
class ApiKeyAuthenticator {

  private static final Logger log = LoggerFactory.getLogger(ApiKeyAuthenticator.class);

  // lastUsedAt is a hint for people cleaning up keys; minute precision keeps it to one write per
  // key per minute instead of one per request.
  static final long LAST_USED_PRECISION = Duration.ofMinutes(1).toMillis();

  private final JdbcClient jdbc;
  private final Clock clock;

  @Autowired
  ApiKeyAuthenticator(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  ApiKeyAuthenticator(JdbcClient jdbc) {
    this(jdbc, Clock.systemUTC());
  }

  private record Found(ApiPrincipal principal, Long lastUsedAt) {}

  Optional<ApiPrincipal> authenticate(String rawKey) {
    Optional<Found> found =
        jdbc.sql(
                "SELECT id, org_id, member_id, scopes, last_used_at FROM api_keys"
                    + " WHERE key_hash = ? AND revoked_at IS NULL")
            .param(ApiKeyHasher.hash(rawKey))
            .query(
                (rs, n) -> {
                  long lastUsed = rs.getLong("last_used_at");
                  return new Found(
                      new ApiPrincipal(
                          rs.getString("org_id"),
                          rs.getString("id"),
                          rs.getString("member_id"),
                          parseScopes(rs.getString("scopes"))),
                      rs.wasNull() ? null : lastUsed);
                })
            .optional();
    found.ifPresent(this::touch);
    return found.map(Found::principal);
  }

  private void touch(Found found) {
    long now = clock.millis();
    if (found.lastUsedAt() != null && now - found.lastUsedAt() < LAST_USED_PRECISION) {
      return;
    }
    try {
      jdbc.sql("UPDATE api_keys SET last_used_at = ? WHERE id = ?")
          .params(now, found.principal().keyId())
          .update();
    } catch (DataAccessException e) {
      // A busy database must not turn a valid key into a failed request.
      log.warn(
          "Could not record the use of API key {}: {}", found.principal().keyId(), e.getMessage());
    }
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
