package com.verk.server.tenancy;

import com.verk.server.system.ApiException;
import com.verk.server.system.Ids;
import com.verk.server.system.Pages;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API keys of an organization: issued once in the clear, stored only as a SHA-256 hash, revoked by
 * marking them, which takes effect on the very next request. Used by the API and the dashboard.
 */
@Service
public class ApiKeyService {

  static final int MAX_NAME = 100;

  private final JdbcClient jdbc;
  private final ApiKeyUsage usage;
  private final Clock clock;
  private final ApiKeyRevocations revocations;

  ApiKeyService(JdbcClient jdbc, ApiKeyUsage usage, Clock clock, ApiKeyRevocations revocations) {
    this.jdbc = jdbc;
    this.usage = usage;
    this.clock = clock;
    this.revocations = revocations;
  }

  /**
   * A key as listed: everything but the secret. Times are epoch millis. {@code lastUsedAt} has
   * minute precision; a use on another node shows after that node's next flush of stamps ({@code
   * verk.api-keys.last-used-flush-interval}, 5 s), a use on this node at once.
   */
  public record ApiKeyInfo(
      String id,
      String name,
      List<String> scopes,
      String prefix,
      String memberId,
      long createdAt,
      Long lastUsedAt) {}

  /** A new key and its raw value, which exists only in this response. */
  public record IssuedKey(ApiKeyInfo info, String key) {}

  @Transactional
  public IssuedKey create(String orgId, String memberId, String name, Set<Scope> scopes) {
    if (name == null || name.isBlank()) {
      throw ApiException.invalid("name", "is required");
    }
    if (name.length() > MAX_NAME) {
      throw ApiException.invalid("name", "must be at most " + MAX_NAME + " characters");
    }
    if (scopes == null || scopes.isEmpty()) {
      throw ApiException.invalid("scopes", "must list at least one scope");
    }
    EnumSet<Scope> ordered = EnumSet.copyOf(scopes);
    String key = ApiKeys.newRawKey();
    String id = Ids.next("key");
    long now = clock.millis();
    jdbc.sql(
            "INSERT INTO api_keys (id, org_id, member_id, name, scopes, key_hash, key_prefix,"
                + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .params(
            id,
            orgId,
            memberId,
            name.trim(),
            ordered.stream().map(Scope::wireName).collect(Collectors.joining(" ")),
            ApiKeyHasher.hash(key),
            ApiKeys.prefix(key),
            now)
        .update();
    return new IssuedKey(
        new ApiKeyInfo(
            id, name.trim(), wireNames(ordered), ApiKeys.prefix(key), memberId, now, null),
        key);
  }

  private static final String SELECT_ACTIVE =
      "SELECT id, name, scopes, key_prefix, member_id, created_at, last_used_at"
          + " FROM api_keys WHERE org_id = ? AND revoked_at IS NULL";

  private static final RowMapper<ApiKeyInfo> ROW =
      (rs, n) -> {
        long lastUsed = rs.getLong("last_used_at");
        Long lastUsedAt = rs.wasNull() ? null : lastUsed;
        return new ApiKeyInfo(
            rs.getString("id"),
            rs.getString("name"),
            wireNames(ApiKeyAuthenticator.parseScopes(rs.getString("scopes"))),
            rs.getString("key_prefix"),
            rs.getString("member_id"),
            rs.getLong("created_at"),
            lastUsedAt);
      };

  /** The organization's keys that are not revoked, oldest first (all of them: the dashboard). */
  public List<ApiKeyInfo> list(String orgId) {
    return withPending(
        jdbc.sql(SELECT_ACTIVE + " ORDER BY created_at, id").param(orgId).query(ROW).list());
  }

  /**
   * One page of the organization's keys that are not revoked, oldest first: up to {@code limit} + 1
   * keys after {@code after} (the extra one tells that another page exists).
   */
  public List<ApiKeyInfo> list(String orgId, Pages.Cursor after, int limit) {
    return withPending(
        jdbc.sql(
                SELECT_ACTIVE
                    + " AND (created_at > ? OR (created_at = ? AND id > ?))"
                    + " ORDER BY created_at, id LIMIT ?")
            .params(orgId, after.createdAt(), after.createdAt(), after.id(), limit + 1)
            .query(ROW)
            .list());
  }

  /** The stored stamps, each replaced by this node's newer one that waits to be written. */
  private List<ApiKeyInfo> withPending(List<ApiKeyInfo> keys) {
    return keys.stream()
        .map(
            k -> {
              Long waiting = usage.pending(k.id());
              if (waiting == null || (k.lastUsedAt() != null && k.lastUsedAt() >= waiting)) {
                return k;
              }
              return new ApiKeyInfo(
                  k.id(), k.name(), k.scopes(), k.prefix(), k.memberId(), k.createdAt(), waiting);
            })
        .toList();
  }

  /** Revokes the key at once; another organization's or an already revoked key is a 404. */
  @Transactional
  public void revoke(String orgId, String id) {
    int updated =
        jdbc.sql(
                "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND org_id = ?"
                    + " AND revoked_at IS NULL")
            .params(clock.millis(), id, orgId)
            .update();
    if (updated == 0) {
      throw ApiException.notFound("API key", id);
    }
    revocations.revoked();
  }

  /** Parses wire names; the unknown one is named in a 400 on {@code scopes}. */
  public static Set<Scope> parseScopes(List<String> names) {
    if (names == null || names.isEmpty()) {
      throw ApiException.invalid("scopes", "must list at least one scope");
    }
    EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String name : names) {
      scopes.add(
          Scope.fromWireName(name)
              .orElseThrow(
                  () ->
                      ApiException.invalid(
                          "scopes",
                          "'"
                              + name
                              + "' is not a known scope; use "
                              + Arrays.stream(Scope.values())
                                  .map(Scope::wireName)
                                  .collect(Collectors.joining(", ")))));
    }
    return scopes;
  }

  private static List<String> wireNames(Set<Scope> scopes) {
    return EnumSet.copyOf(scopes).stream().map(Scope::wireName).toList();
  }
}
