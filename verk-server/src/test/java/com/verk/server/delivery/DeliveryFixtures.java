package com.verk.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.verk.server.events.EventPublisher;
import com.verk.server.events.EventType;
import com.verk.server.system.Ids;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Test helper: webhook rows inserted directly (the CRUD API is another package's), events published
 * through the real outbox writer, and polling the delivery state with a deadline.
 */
final class DeliveryFixtures {

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final EventPublisher publisher;
  private final Dispatcher dispatcher;
  private final Clock clock;

  DeliveryFixtures(
      DataSource dataSource, EventPublisher publisher, Dispatcher dispatcher, Clock clock) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
    this.publisher = publisher;
    this.dispatcher = dispatcher;
    this.clock = clock;
  }

  JdbcTemplate jdbc() {
    return jdbc;
  }

  /** An active webhook of {@code orgId} subscribed to {@code events}. */
  String webhook(String orgId, String url, String secret, EventType... events) {
    String id = Ids.next("webhook");
    long now = clock.millis();
    jdbc.update(
        "INSERT INTO webhooks (id, org_id, url, secret, active, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, TRUE, ?, ?)",
        id,
        orgId,
        url,
        secret,
        now,
        now);
    for (EventType type : events) {
      jdbc.update(
          "INSERT INTO webhook_events (webhook_id, org_id, event_type) VALUES (?, ?, ?)",
          id,
          orgId,
          type.wireName());
    }
    return id;
  }

  /** Publishes an event the way a domain change does, inside a transaction. */
  String publish(String orgId, EventType type, Map<String, ?> data) {
    return tx.execute(status -> publisher.publish(orgId, type, data).eventId());
  }

  String deliveryOf(String eventId, String webhookId) {
    return jdbc.queryForObject(
        "SELECT id FROM deliveries WHERE event_id = ? AND webhook_id = ?",
        String.class,
        eventId,
        webhookId);
  }

  Map<String, Object> delivery(String id) {
    return jdbc.queryForMap("SELECT * FROM deliveries WHERE id = ?", id);
  }

  Map<String, Object> webhookRow(String id) {
    return jdbc.queryForMap("SELECT * FROM webhooks WHERE id = ?", id);
  }

  /** Polls the delivery row until {@code condition} holds, or fails after 20 s. */
  Map<String, Object> awaitDelivery(String id, Predicate<Map<String, Object>> condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    Map<String, Object> row = delivery(id);
    while (!condition.test(row)) {
      assertThat(System.nanoTime()).as("delivery %s stuck at %s", id, row).isLessThan(deadline);
      dispatcher.wake();
      pause();
      row = delivery(id);
    }
    return row;
  }

  static long number(Object value) {
    return ((Number) value).longValue();
  }

  static boolean bool(Object value) {
    return value instanceof Boolean b ? b : ((Number) value).intValue() != 0;
  }

  void wake() {
    dispatcher.wake();
  }

  private static void pause() {
    try {
      Thread.sleep(20); // polling interval while waiting for a condition with a deadline
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
