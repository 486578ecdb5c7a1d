package dev.tether.agent.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local wall clock and a monotonic clock for tests: {@link #elapse} moves both (time passes),
 * {@link #setLocal} moves only the wall clock (someone changed the system time).
 */
final class MutableClock extends Clock {
  private volatile Instant local;
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  MutableClock(Instant start) {
    this.local = start;
  }

  /** Real time passes: wall clock and monotonic clock advance together. */
  void elapse(Duration d) {
    local = local.plus(d);
    nanos.addAndGet(d.toNanos());
  }

  /** The system clock is set to {@code to}; monotonic time is unaffected. */
  void setLocal(Instant to) {
    local = to;
  }

  long nanos() {
    return nanos.get();
  }

  TrustedClock trusted() {
    return new TrustedClock(this, this::nanos);
  }

  @Override
  public Instant instant() {
    return local;
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
