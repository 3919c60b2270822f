package com.verk.server.tenancy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Resolves a presented bearer key to its principal; revoked keys resolve to nothing.
 *
 * <p>Keys found in the database are kept for {@link #CACHE_TTL} (by hash, never the raw key), so
 * that a client calling in a loop costs no query per request. A revocation committed on this node
 * empties the cache at once ({@link ApiKeyRevocations}); on another node it takes effect within
 * {@link #CACHE_TTL}. Unknown keys are not cached, so random keys cannot fill it.
 *
 * <p>A key's last use is handed to {@link ApiKeyUsage}, which writes it in the background: no
 * request waits for a write of its own key's stamp.
 */
@Component
class ApiKeyAuthenticator {

  // lastUsedAt is a hint for people cleaning up keys; minute precision keeps it to one stamp per
  // key per minute instead of one per request (written in batches by ApiKeyUsage).
  static final long LAST_USED_PRECISION = Duration.ofMinutes(1).toMillis();

  /**
   * How long a key found in the database is trusted without asking again (other nodes' revokes).
   */
  static final Duration CACHE_TTL = Duration.ofSeconds(10);

  private static final int CACHE_SIZE = 10_000;

  private final JdbcClient jdbc;
  private final ApiKeyUsage usage;
  private final Clock clock;
  private final ApiKeyRevocations revocations;
  private final Cache<String, Cached> cache;

  @Autowired
  ApiKeyAuthenticator(
      JdbcClient jdbc, ApiKeyUsage usage, Clock clock, ApiKeyRevocations revocations) {
    this(jdbc, usage, clock, revocations, Ticker.systemTicker());
  }

  /** Tests: stamps wait in an {@link ApiKeyUsage} that nothing flushes. */
  ApiKeyAuthenticator(DataSource dataSource) {
    this(
        JdbcClient.create(dataSource),
        new ApiKeyUsage(dataSource, ApiKeyUsage.DEFAULT_FLUSH_INTERVAL, ApiKeyUsage.MAX_PENDING),
        Clock.systemUTC(),
        new ApiKeyRevocations());
  }

  /** {@code ticker} measures the cache's time to live (tests move it). */
  ApiKeyAuthenticator(
      JdbcClient jdbc,
      ApiKeyUsage usage,
      Clock clock,
      ApiKeyRevocations revocations,
      Ticker ticker) {
    this.jdbc = jdbc;
    this.usage = usage;
    this.clock = clock;
    this.revocations = revocations;
    this.cache =
        Caffeine.newBuilder()
            .expireAfterWrite(CACHE_TTL)
            .maximumSize(CACHE_SIZE)
            .ticker(ticker)
            .build();
  }

  private record Found(ApiPrincipal principal, Long lastUsedAt) {}

  /** A key found in the database, stamped with the revocation generation it was read under. */
  private record Cached(ApiPrincipal principal, long generation, AtomicLong lastUsedAt) {}

  Optional<ApiPrincipal> authenticate(String rawKey) {
    String hash = ApiKeyHasher.hash(rawKey);
    long generation = revocations.generation();
    Cached cached = cache.getIfPresent(hash);
    if (cached != null && cached.generation() == generation) {
      touch(cached);
      return Optional.of(cached.principal());
    }
    // Read after taking the generation: a revocation committed meanwhile bumps it, and an entry
    // stamped with the old one is never used.
    Optional<Found> found = find(hash);
    found.ifPresentOrElse(
        f -> {
          // A stamp of this node's that waits for its flush is newer than the stored one.
          Long waiting = usage.pending(f.principal().keyId());
          long stored = f.lastUsedAt() == null ? Long.MIN_VALUE : f.lastUsedAt();
          Cached fresh =
              new Cached(
                  f.principal(),
                  generation,
                  new AtomicLong(waiting == null ? stored : Math.max(stored, waiting)));
          cache.put(hash, fresh);
          touch(fresh);
        },
        () -> cache.invalidate(hash));
    return found.map(Found::principal);
  }

  private Optional<Found> find(String hash) {
    return jdbc.sql(
            "SELECT id, org_id, member_id, scopes, last_used_at FROM api_keys"
                + " WHERE key_hash = ? AND revoked_at IS NULL")
        .param(hash)
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
  }

  private void touch(Cached key) {
    long now = clock.millis();
    long last = key.lastUsedAt().get();
    if (last != Long.MIN_VALUE && now - last < LAST_USED_PRECISION) {
      return;
    }
    if (!key.lastUsedAt().compareAndSet(last, now)) {
      return; // another request of the same key records this use
    }
    if (!usage.used(key.principal().keyId(), now)) {
      // Not kept (too many keys wait): the key's next request tries again.
      key.lastUsedAt().compareAndSet(now, last);
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
