package com.verk.server.events;

import com.verk.server.storage.DatabaseKind;
import com.verk.server.system.Ids;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
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
  private final DeliveryQueue queue;
  // The event insert and the subscriber query as one statement, where the database allows it.
  private final String insertThenSubscribers;

  private static final String INSERT_EVENT =
      "INSERT INTO events (id, org_id, org_name, type, data, occurred_at, object_id)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?)";
  private static final String SUBSCRIBERS =
      "SELECT w.id, w.active FROM webhook_events e JOIN webhooks w ON w.id = e.webhook_id"
          + " WHERE e.org_id = ? AND e.event_type = ?";

  // Organization names never change once created, so each node keeps the ones it has used.
  private static final int MAX_CACHED_NAMES = 10_000;
  private final Map<String, String> orgNames = new ConcurrentHashMap<>();

  /** The PostgreSQL LISTEN/NOTIFY channel that announces new deliveries. */
  public static final String CHANNEL = "verk_deliveries";

  /**
   * On PostgreSQL, the commit also wakes the other nodes: a statement trigger on {@code deliveries}
   * (migration V11) sends {@code NOTIFY} on {@link #CHANNEL} when pending deliveries are inserted,
   * and PostgreSQL delivers it only if and when the transaction commits.
   */
  public EventPublisher(
      DataSource dataSource,
      Clock clock,
      JsonMapper json,
      DeliveryQueue queue,
      DeliveryWakeup wakeup) {
    this(dataSource, clock, json, queue, wakeup, DatabaseKind.SQLITE);
  }

  /**
   * With {@code kind}: on PostgreSQL the event insert and the subscriber query are one statement.
   */
  public EventPublisher(
      DataSource dataSource,
      Clock clock,
      JsonMapper json,
      DeliveryQueue queue,
      DeliveryWakeup wakeup,
      DatabaseKind kind) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.clock = clock;
    this.json = json;
    this.queue = queue;
    this.wakeup = wakeup;
    this.insertThenSubscribers = kind.writeThenSelect(INSERT_EVENT, SUBSCRIBERS);
  }

  /** What one publish wrote. */
  public record Published(String eventId, int pending, int skipped) {}

  /**
   * Records {@code type} with {@code data} for {@code organizationId}. Must run inside a
   * transaction. Active subscribed webhooks get a pending delivery, disabled ones a skipped one (so
   * that "recover" can send it later).
   */
  public Published publish(String organizationId, EventType type, Map<String, ?> data) {
    return publish(organizationId, type, data, null);
  }

  /**
   * Like {@link #publish(String, EventType, Map)}, but the webhook {@code aboutWebhookId} gets no
   * delivery: a webhook never receives the operational events about itself.
   */
  public Published publish(
      String organizationId, EventType type, Object data, String aboutWebhookId) {
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
    Object[] event = {
      eventId,
      organizationId,
      orgName,
      type.wireName(),
      json.writeValueAsString(data),
      now,
      EventObjects.objectId(json, data)
    };
    RowMapper<DeliveryQueue.Subscriber> subscriber =
        (rs, n) -> new DeliveryQueue.Subscriber(rs.getString(1), rs.getBoolean(2));
    List<DeliveryQueue.Subscriber> subscribers;
    if (insertThenSubscribers != null) {
      Object[] both = Arrays.copyOf(event, event.length + 2);
      both[event.length] = organizationId;
      both[event.length + 1] = type.wireName();
      subscribers = jdbc.query(insertThenSubscribers, subscriber, both);
    } else {
      jdbc.update(INSERT_EVENT, event);
      subscribers = jdbc.query(SUBSCRIBERS, subscriber, organizationId, type.wireName());
    }
    if (aboutWebhookId != null) {
      subscribers =
          subscribers.stream().filter(s -> !s.webhookId().equals(aboutWebhookId)).toList();
    }
    if (!subscribers.isEmpty()) {
      queue.enqueue(organizationId, eventId, type.wireName(), subscribers, now);
    }
    int pending = (int) subscribers.stream().filter(DeliveryQueue.Subscriber::active).count();
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
}
