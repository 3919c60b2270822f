package com.verk.sdk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A {@link DeliveryDeduplicator} in a database table, so processed deliveries are remembered across
 * restarts and shared by all instances of a receiver. Works on PostgreSQL (9.5+) and SQLite
 * (3.24+); the table is created if missing:
 *
 * <pre>
 * CREATE TABLE verk_processed_deliveries (
 *   delivery_id   VARCHAR(255) PRIMARY KEY,
 *   state         VARCHAR(16)  NOT NULL,   -- claimed | done
 *   claimed_until BIGINT       NOT NULL,   -- epoch millis
 *   updated_at    BIGINT       NOT NULL)   -- epoch millis
 * </pre>
 *
 * <p>The primary key makes the claim atomic: of two instances receiving the same delivery, one
 * inserts the row and the other sees a conflict. Each call runs in its own auto-committed
 * statement. Database failures surface as {@link IllegalStateException}. Delete old rows with
 * {@link #purgeCompletedBefore}.
 */
public final class JdbcDeliveryDeduplicator implements DeliveryDeduplicator {

  /** The default table name. */
  public static final String DEFAULT_TABLE = "verk_processed_deliveries";

  private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  private final DataSource dataSource;
  private final String table;
  private final Duration claimTimeout;
  private final Clock clock;

  /**
   * Creates a deduplicator on the default table with a 5 minutes claim timeout, creating the table
   * if it does not exist.
   *
   * @param dataSource the database
   * @throws IllegalStateException if the table cannot be created
   */
  public JdbcDeliveryDeduplicator(DataSource dataSource) {
    this(
        dataSource,
        DEFAULT_TABLE,
        InMemoryDeliveryDeduplicator.DEFAULT_CLAIM_TIMEOUT,
        Clock.systemUTC());
  }

  /**
   * Creates a deduplicator, creating its table if it does not exist.
   *
   * @param dataSource the database
   * @param table the table name (letters, digits, underscores)
   * @param claimTimeout how long a claim lasts without {@link #complete} or {@link #release}
   * @param clock the clock claims and purges are measured with
   * @throws IllegalStateException if the table cannot be created
   */
  public JdbcDeliveryDeduplicator(
      DataSource dataSource, String table, Duration claimTimeout, Clock clock) {
    if (dataSource == null || clock == null) {
      throw new IllegalArgumentException("dataSource and clock must not be null");
    }
    if (table == null || !TABLE_NAME.matcher(table).matches()) {
      throw new IllegalArgumentException("table must be letters, digits and underscores");
    }
    if (claimTimeout == null || claimTimeout.isNegative() || claimTimeout.isZero()) {
      throw new IllegalArgumentException("claimTimeout must be positive");
    }
    this.dataSource = dataSource;
    this.table = table;
    this.claimTimeout = claimTimeout;
    this.clock = clock;
    createTableIfMissing();
  }

  private void createTableIfMissing() {
    String ddl =
        "CREATE TABLE IF NOT EXISTS "
            + table
            + " (delivery_id VARCHAR(255) PRIMARY KEY, state VARCHAR(16) NOT NULL,"
            + " claimed_until BIGINT NOT NULL, updated_at BIGINT NOT NULL)";
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(ddl);
      if (!c.getAutoCommit()) {
        c.commit();
      }
    } catch (SQLException e) {
      // Two instances starting together may race on CREATE TABLE; the table existing is success.
      if (!tableExists()) {
        throw new IllegalStateException("Could not create table " + table, e);
      }
    }
  }

  private boolean tableExists() {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.executeQuery("SELECT delivery_id FROM " + table + " WHERE 1 = 0").close();
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  /**
   * {@inheritDoc}
   *
   * @param deliveryId the delivery id
   * @return {@code true} if the caller now owns the delivery
   */
  @Override
  public boolean tryClaim(String deliveryId) {
    InMemoryDeliveryDeduplicator.requireId(deliveryId);
    long now = clock.millis();
    long until = clock.instant().plus(claimTimeout).toEpochMilli();
    String insert =
        "INSERT INTO "
            + table
            + " (delivery_id, state, claimed_until, updated_at) VALUES (?, 'claimed', ?, ?)"
            + " ON CONFLICT (delivery_id) DO NOTHING";
    String takeOver =
        "UPDATE "
            + table
            + " SET claimed_until = ?, updated_at = ?"
            + " WHERE delivery_id = ? AND state = 'claimed' AND claimed_until <= ?";
    try (Connection c = dataSource.getConnection()) {
      if (update(c, insert, deliveryId, until, now) == 1) {
        return true;
      }
      // The row exists: only an abandoned claim (its owner died) may be taken over.
      return update(c, takeOver, until, now, deliveryId, now) == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("Could not claim delivery " + deliveryId, e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * @param deliveryId the delivery id
   */
  @Override
  public void complete(String deliveryId) {
    InMemoryDeliveryDeduplicator.requireId(deliveryId);
    long now = clock.millis();
    String upsert =
        "INSERT INTO "
            + table
            + " (delivery_id, state, claimed_until, updated_at) VALUES (?, 'done', 0, ?)"
            + " ON CONFLICT (delivery_id) DO UPDATE SET state = 'done', claimed_until = 0,"
            + " updated_at = excluded.updated_at";
    try (Connection c = dataSource.getConnection()) {
      update(c, upsert, deliveryId, now);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not mark delivery " + deliveryId + " processed", e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * @param deliveryId the delivery id
   */
  @Override
  public void release(String deliveryId) {
    InMemoryDeliveryDeduplicator.requireId(deliveryId);
    try (Connection c = dataSource.getConnection()) {
      update(
          c, "DELETE FROM " + table + " WHERE delivery_id = ? AND state = 'claimed'", deliveryId);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not release delivery " + deliveryId, e);
    }
  }

  /**
   * Forgets deliveries completed before a point in time. Verk retries a delivery for about 10 hours
   * and can redeliver from its log later, so keep at least a few days.
   *
   * @param cutoff rows completed before this instant are deleted
   * @return the number of rows deleted
   */
  public int purgeCompletedBefore(Instant cutoff) {
    try (Connection c = dataSource.getConnection()) {
      return update(
          c,
          "DELETE FROM " + table + " WHERE state = 'done' AND updated_at < ?",
          cutoff.toEpochMilli());
    } catch (SQLException e) {
      throw new IllegalStateException("Could not purge table " + table, e);
    }
  }

  private static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      int count = ps.executeUpdate();
      // A pool may hand out connections with auto-commit off; each step must be durable on its own.
      if (!c.getAutoCommit()) {
        c.commit();
      }
      return count;
    }
  }
}
