package com.verk.server.tenancy;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells this node's cache of authenticated API keys ({@link ApiKeyAuthenticator}) that keys were
 * revoked. Every writer of {@code api_keys.revoked_at} calls {@link #revoked()} in its transaction;
 * once that transaction commits, every cached key is forgotten, so the next request with a revoked
 * key reads the database and gets its 401. Other nodes forget theirs within {@link
 * ApiKeyAuthenticator#CACHE_TTL}.
 */
@Component
public class ApiKeyRevocations {

  // Bumped after every committed revocation; a cached key stamped with an older value is not used.
  private final AtomicLong generation = new AtomicLong();

  /** Call inside the revoking transaction (or after the revocation, outside any). */
  public void revoked() {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              generation.incrementAndGet();
            }
          });
    } else {
      generation.incrementAndGet();
    }
  }

  long generation() {
    return generation.get();
  }
}
