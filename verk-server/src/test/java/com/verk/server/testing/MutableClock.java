package com.verk.server.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that tests move by hand: retries, leases and expiries without sleeping. It follows real
 * time plus an offset that {@link #advance(Duration)} grows, or stands still when made with {@link
 * #fixed(Instant)}.
 */
public final class MutableClock extends Clock {

  private final Clock base;
  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

  private MutableClock(Clock base) {
    this.base = base;
  }

  /** Ticks with real time; jumps forward on {@link #advance(Duration)}. */
  public static MutableClock ticking() {
    return new MutableClock(Clock.systemUTC());
  }

  /** Stands still at {@code instant} until moved. */
  public static MutableClock fixed(Instant instant) {
    return new MutableClock(Clock.fixed(instant, ZoneOffset.UTC));
  }

  public void advance(Duration duration) {
    offset.updateAndGet(o -> o.plus(duration));
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset.get());
  }

  @Override
  public long millis() {
    return instant().toEpochMilli();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
