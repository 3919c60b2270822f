package com.verk.server.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * A snapshot of this node's delivery engine for health checks.
 *
 * @param node this node's id, the lease owner of what it claims
 * @param running whether the dispatcher loop is alive
 * @param inFlight webhook requests started and not yet answered
 * @param sinceLastCycle time since the loop last completed a claim pass (measured on the monotonic
 *     clock, so moving the business clock in tests does not age it); null before the first pass
 * @param lastClaimAt when this node last claimed deliveries; null if never
 * @param listening on PostgreSQL whether the LISTEN connection for other nodes' wake-ups is up;
 *     null on SQLite, which runs one node
 * @param pollInterval the safety-net poll between passes
 */
public record EngineStatus(
    String node,
    boolean running,
    int inFlight,
    Duration sinceLastCycle,
    Instant lastClaimAt,
    Boolean listening,
    Duration pollInterval) {}
