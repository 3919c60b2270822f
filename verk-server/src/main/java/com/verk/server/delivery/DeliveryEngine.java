package com.verk.server.delivery;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.verk.server.alerts.AlertRules;
import com.verk.server.alerts.Alerting;
import com.verk.server.events.DeliveryQueue;
import com.verk.server.events.EventPublisher;
import com.verk.server.storage.DatabaseKind;
import com.verk.server.system.EgressSettings;
import com.verk.server.system.VerkProperties;
import com.verk.server.webhooks.SecretCipher;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The assembled engine, plain Java: claim, render, sign, send, record, retry, disable, plus the log
 * queries and user actions. {@link DeliveryConfig} builds one; tests can build one with {@code
 * new}.
 */
final class DeliveryEngine implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DeliveryEngine.class);

  private final String node;
  private final Sending sending;
  private final Recorder recorder;
  private final Dispatcher dispatcher;
  private final Housekeeping housekeeping;
  private final PostgresWakeups listener;
  private final DeliveryLog deliveryLog;
  private final DeliveryActions actions;
  private final DeliveryStore queue;
  private final RetryPolicy retries;
  private final long timeoutMs;
  private final Duration pollInterval;

  /**
   * @param dataSource the pool of API requests: the delivery log and user actions (Send Test
   *     included) run there
   * @param workerDataSource the engine's own pool: claims, lease upkeep, outcomes, housekeeping
   */
  DeliveryEngine(
      DataSource dataSource,
      DataSource workerDataSource,
      Clock clock,
      JsonMapper json,
      DatabaseKind kind,
      VerkProperties properties,
      MeterRegistry registry,
      String userAgent,
      String node,
      SecretCipher secrets,
      Alerting alerting) {
    this(
        dataSource,
        workerDataSource,
        clock,
        json,
        kind,
        properties.webhooks(),
        properties.retention(),
        properties.database(),
        registry,
        userAgent,
        node,
        secrets,
        alerting,
        new HttpSender(
            properties.webhooks().timeout(),
            properties.webhooks().allowPrivateTargets(),
            userAgent,
            properties.webhooks().maxInFlight(),
            properties.webhooks().proxy() == null
                ? null
                : EgressSettings.proxy(properties.webhooks().proxy())));
  }

  /** With a transport of the caller's choosing: tests send through one that fails on command. */
  DeliveryEngine(
      DataSource dataSource,
      DataSource workerDataSource,
      Clock clock,
      JsonMapper json,
      DatabaseKind kind,
      VerkProperties.Webhooks w,
      Duration retention,
      VerkProperties.Database db,
      MeterRegistry registry,
      String userAgent,
      String node,
      SecretCipher secrets,
      Alerting alerting,
      Transport transport) {
    if (w.lease().compareTo(w.timeout()) <= 0) {
      throw new IllegalArgumentException(
          "verk.webhooks.lease (" + w.lease() + ") must be longer than the timeout " + w.timeout());
    }
    this.node = node;
    this.timeoutMs = w.timeout().toMillis();
    this.pollInterval = w.pollInterval();
    JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    JdbcTemplate workerJdbc = new JdbcTemplate(workerDataSource);
    DeliveryStore workerStore = new DeliveryStore(workerJdbc, kind);
    DeliveryStore store = new DeliveryStore(jdbc, kind);
    Function<String, String> reveal = revealing(secrets::reveal);
    Function<List<String>, List<Job>> workerLoader = ids -> workerStore.load(ids, reveal);
    Function<List<String>, List<Job>> loader = ids -> store.load(ids, reveal);
    Envelope envelope = new Envelope(json);
    this.retries = new RetryPolicy(w.retrySchedule());
    Holdings holdings =
        new Holdings(
            new Holdings.Limits(w.maxInFlight(), w.maxInFlightPerOrg(), w.maxInFlightPerWebhook()));
    // Alerts publish their operational events through the outbox on the engine's pool, so that
    // they join the recording transaction; the dispatcher is woken after its commit.
    EventPublisher workerPublisher =
        new EventPublisher(workerDataSource, clock, json, workerStore, this::wakeDispatcher, kind);
    AlertRules alerts =
        new AlertRules(
            workerDataSource, json, alerting, retries.maxAttempts() - 1, workerPublisher);
    this.recorder =
        new Recorder(
            new OutcomeWriter(workerDataSource, kind, retries, json, alerts),
            holdings,
            w.lease().dividedBy(2));
    DeliveryMetrics metrics = new DeliveryMetrics(registry, node, holdings::inFlight);
    this.sending =
        new Sending(clock, envelope, new Signer(userAgent), transport, metrics, timeoutMs);
    this.dispatcher =
        new Dispatcher(
            clock,
            workerStore,
            workerLoader,
            sending,
            recorder,
            new RateBuckets(workerDataSource, kind),
            holdings,
            new Dispatcher.Settings(
                w.batchSize(), w.lease(), w.pollInterval(), w.timeout().plusSeconds(2)),
            node);
    this.housekeeping = new Housekeeping(workerJdbc, workerStore, clock, retention, metrics);
    this.listener =
        kind == DatabaseKind.POSTGRES
            ? new PostgresWakeups(
                () -> java.sql.DriverManager.getConnection(db.url(), db.user(), db.password()),
                dispatcher)
            : null;
    this.deliveryLog = new DeliveryLog(jdbc, loader, envelope, json);
    this.actions =
        new DeliveryActions(
            dataSource,
            clock,
            deliveryLog,
            store,
            loader,
            sending,
            new OutcomeWriter(dataSource, kind, retries, json, null),
            dispatcher,
            json,
            node,
            w.lease());
    this.queue = store;
  }

  private void wakeDispatcher() {
    dispatcher.wake();
  }

  /** Where the outbox writer queues deliveries (inside its transaction, on the API's pool). */
  DeliveryQueue queue() {
    return queue;
  }

  Recorder recorder() {
    return recorder;
  }

  void start() {
    log.info(
        "Delivery engine starting on node {} (timeout {} ms, retries {}, {} attempts max)",
        node,
        timeoutMs,
        retries.schedule(),
        retries.maxAttempts());
    recorder.start();
    dispatcher.start();
    housekeeping.start();
    if (listener != null) {
      listener.start();
    }
  }

  String node() {
    return node;
  }

  /** For health checks: whether the loop runs, how busy it is, when it last made progress. */
  EngineStatus status() {
    long lastClaim = dispatcher.lastClaimAt();
    return new EngineStatus(
        node,
        dispatcher.alive(),
        dispatcher.inFlight(),
        dispatcher.sinceLastCycle(),
        lastClaim == 0 ? null : Instant.ofEpochMilli(lastClaim),
        listener == null ? null : listener.listening(),
        pollInterval);
  }

  Dispatcher dispatcher() {
    return dispatcher;
  }

  DeliveryLog deliveryLog() {
    return deliveryLog;
  }

  DeliveryActions actions() {
    return actions;
  }

  Housekeeping housekeeping() {
    return housekeeping;
  }

  /**
   * Stops claiming, lets requests in flight finish within the timeout and records them. The engine
   * can be started again (Spring pauses and resumes cached test contexts).
   */
  void stop() {
    if (listener != null) {
      listener.close();
    }
    dispatcher.close();
    long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
    while (dispatcher.inFlight() > 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
      try {
        Thread.sleep(10); // shutdown only: waiting for the last responses
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    recorder.close();
    housekeeping.close();
  }

  /** Stops and releases the HTTP client for good. */
  @Override
  public void close() {
    stop();
    sending.close();
  }

  /**
   * Every claimed delivery carries its webhook's sealed secrets and headers; decrypting them
   * (AES-GCM) per delivery was a visible share of a backlog's CPU. Revealed values are kept by
   * their stored form (a rotated secret is a new stored value, so it is never served stale),
   * bounded in number and time; they are in this process's memory anyway while their deliveries are
   * sent.
   */
  static Function<String, String> revealing(Function<String, String> reveal) {
    Cache<String, String> revealed =
        Caffeine.newBuilder().maximumSize(10_000).expireAfterAccess(Duration.ofMinutes(10)).build();
    return stored -> stored == null ? null : revealed.get(stored, reveal);
  }
}
