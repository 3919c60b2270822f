package com.verk.server.dashboard;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Slows down password guessing, per account and per client address: after {@link
 * #MAX_FAILURES_PER_ACCOUNT} wrong passwords for one e-mail address, or {@link
 * #MAX_FAILURES_PER_CLIENT} from one client address, within {@link #WINDOW}, sign-in is refused for
 * that account or client until the window has passed. Each attempt counts once; a refused (locked)
 * attempt is not counted again.
 *
 * <p>Kept in memory per node, in Caffeine caches bounded to {@link #MAX_TRACKED} entries each.
 * Caffeine evicts by frequency (TinyLFU), so a flood of made-up addresses, each tried once, does
 * not push out an account that is being guessed at; and one client can add at most {@link
 * #MAX_FAILURES_PER_CLIENT} entries per window before it is locked itself.
 */
final class SignInThrottle {

  static final int MAX_FAILURES_PER_ACCOUNT = 10;
  static final int MAX_FAILURES_PER_CLIENT = 100;
  static final Duration WINDOW = Duration.ofMinutes(15);
  static final int MAX_TRACKED = 100_000;

  private final Clock clock;
  private final Cache<String, Deque<Long>> accounts;
  private final Cache<String, Deque<Long>> clients;
  private final Cache<String, Long> lockedAccounts;
  private final Cache<String, Long> lockedClients;

  SignInThrottle(Clock clock) {
    this.clock = clock;
    this.accounts = cache(clock);
    this.clients = cache(clock);
    this.lockedAccounts = cache(clock);
    this.lockedClients = cache(clock);
  }

  private static <V> Cache<String, V> cache(Clock clock) {
    return Caffeine.newBuilder()
        .maximumSize(MAX_TRACKED)
        .expireAfterWrite(WINDOW)
        .ticker(() -> clock.millis() * 1_000_000L)
        .executor(Runnable::run)
        .build();
  }

  /** Whether this account or this client has used up its attempts for now. */
  boolean locked(String email, String client) {
    return lockedAccounts.getIfPresent(email) != null
        || (client != null && lockedClients.getIfPresent(client) != null);
  }

  /** Records one wrong password for the account and the client; locks them at their limit. */
  void failed(String email, String client) {
    if (record(accounts, email) >= MAX_FAILURES_PER_ACCOUNT) {
      lockedAccounts.put(email, clock.millis());
      accounts.invalidate(email);
    }
    if (client != null && record(clients, client) >= MAX_FAILURES_PER_CLIENT) {
      lockedClients.put(client, clock.millis());
      clients.invalidate(client);
    }
  }

  /** A right password forgets the account's failures (not the client's). */
  void succeeded(String email) {
    accounts.invalidate(email);
  }

  /** Adds a failure now and returns the failures within the window. */
  private int record(Cache<String, Deque<Long>> cache, String key) {
    int[] size = new int[1];
    cache
        .asMap()
        .compute(
            key,
            (k, times) -> {
              Deque<Long> out = times == null ? new ArrayDeque<>() : times;
              prune(out);
              out.addLast(clock.millis());
              size[0] = out.size();
              return out;
            });
    return size[0];
  }

  private void prune(Deque<Long> times) {
    long oldest = clock.millis() - WINDOW.toMillis();
    while (!times.isEmpty() && times.peekFirst() <= oldest) {
      times.removeFirst();
    }
  }
}
