package com.verk.server.events;

import com.verk.server.system.Ids;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox writer. Called inside the transaction of the change that caused the event, it inserts
 * the event and one delivery per webhook of the organization subscribed to the type (fan-out at
 * write time). Either the change, the event and its deliveries all commit, or none of them does;
 * after the commit the dispatcher is woken.
 */
public final class EventPublisher {

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final JsonMapper json;
  private final DeliveryWakeup wakeup;
  private final boolean notifyOtherNodes;

  // Organization names never change once created, so each node keeps the ones it has used.
  private static final int MAX_CACHED_NAMES = 10_000;
  private final Map<String, String> orgNames = new ConcurrentHashMap<>();

  /** The PostgreSQL LISTEN/NOTIFY channel that announces new deliveries. */
  public static final String CHANNEL = "verk_deliveries";

  public EventPublisher(
      DataSource dataSource, Clock clock, JsonMapper json, DeliveryWakeup wakeup) {
    this(dataSource, clock, json, wakeup, false);
  }

  /**
   * With {@code notifyOtherNodes} (PostgreSQL), the transaction also sends {@code NOTIFY} on {@link
   * #CHANNEL}; PostgreSQL delivers it only if and when the transaction commits, so other nodes wake
   * exactly for committed work.
   */
  public EventPublisher(
      DataSource dataSource,
      Clock clock,
      JsonMapper json,
      DeliveryWakeup wakeup,
      boolean notifyOtherNodes) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.clock = clock;
    this.json = json;
    this.wakeup = wakeup;
    this.notifyOtherNodes = notifyOtherNodes;
  }

  /** What one publish wrote. */
  public record Published(String eventId, int pending, int skipped) {}

  /**
   * Records {@code type} with {@code data} for {@code organizationId}. Must run inside a
   * transaction. Active subscribed webhooks get a pending delivery, disabled ones a skipped one (so
   * that "recover" can send it later).
   */
  public Published publish(String organizationId, EventType type, Map<String, ?> data) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("Events are published inside the change's transaction");
    }
    long now = clock.millis();
    String orgName = orgNames.get(organizationId);
    if (orgName == null) {
      orgName =
          jdbc.queryForObject(
              "SELECT name FROM organizations WHERE id = ?", String.class, organizationId);
      if (orgNames.size() >= MAX_CACHED_NAMES) {
        orgNames.clear();
      }
      orgNames.put(organizationId, orgName);
    }
    String eventId = Ids.next("evt");
    jdbc.update(
        "INSERT INTO events (id, org_id, org_name, type, data, occurred_at) VALUES (?, ?, ?, ?, ?, ?)",
        eventId,
        organizationId,
        orgName,
        type.wireName(),
        json.writeValueAsString(data),
        now);
    List<Subscriber> subscribers =
        jdbc.query(
            "SELECT w.id, w.active FROM webhook_events e JOIN webhooks w ON w.id = e.webhook_id"
                + " WHERE e.org_id = ? AND e.event_type = ?",
            (rs, n) -> new Subscriber(rs.getString(1), rs.getBoolean(2)),
            organizationId,
            type.wireName());
    insertDeliveries(organizationId, eventId, type, subscribers, now);
    int pending = (int) subscribers.stream().filter(Subscriber::active).count();
    if (pending > 0 && notifyOtherNodes) {
      jdbc.queryForRowSet("SELECT pg_notify(?, '')", CHANNEL);
    }
    if (pending > 0) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              wakeup.wake();
            }
          });
    }
    return new Published(eventId, pending, subscribers.size() - pending);
  }

  private void insertDeliveries(
      String organizationId,
      String eventId,
      EventType type,
      List<Subscriber> subscribers,
      long now) {
    if (subscribers.isEmpty()) {
      return;
    }
    List<Subscriber> rows = new ArrayList<>(subscribers);
    jdbc.batchUpdate(
        "INSERT INTO deliveries (id, org_id, webhook_id, event_id, event_type, test, status,"
            + " attempts, next_attempt_at, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, FALSE, ?, 0, ?, ?, ?)",
        new BatchPreparedStatementSetter() {
          @Override
          public void setValues(PreparedStatement ps, int i) throws SQLException {
            Subscriber s = rows.get(i);
            ps.setString(1, Ids.next("delivery"));
            ps.setString(2, organizationId);
            ps.setString(3, s.webhookId());
            ps.setString(4, eventId);
            ps.setString(5, type.wireName());
            ps.setString(6, s.active() ? "pending" : "skipped");
            if (s.active()) {
              ps.setLong(7, now);
            } else {
              ps.setNull(7, java.sql.Types.BIGINT);
            }
            ps.setLong(8, now);
            ps.setLong(9, now);
          }

          @Override
          public int getBatchSize() {
            return rows.size();
          }
        });
  }

  private record Subscriber(String webhookId, boolean active) {}
}
