package dev.tether.agent.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The time every expiry and grace check uses: {@code max(local clock, floor)}, where the floor is
 * the latest server time the agent verified (a bundle's signed {@code issuedAt}, a signed heartbeat
 * time, or the floor persisted by an earlier run) advanced by monotonic time elapsed since it was
 * observed.
 *
 * <p>Guarantees: setting the local clock back never makes time go back below the floor, so an
 * expired bundle stays expired and grace keeps running; setting it forward only makes bundles
 * expire early (fail closed, reported as clock skew). The floor is fed only by signed server times
 * and monotonic time, never by the local wall clock, so a clock that was wrong and is corrected
 * does not leave a floor in the future. Monotonic time does not advance while the machine is
 * suspended, so with the local clock set back and the machine suspended, time lags by the suspended
 * duration (documented residual risk).
 */
public final class TrustedClock extends Clock {
  private final Clock local;
  private final LongSupplier nanos;
  private volatile Anchor anchor;

  private record Anchor(Instant serverTime, long nanosAt) {}

  /**
   * @param local the machine's wall clock (tests: a settable clock)
   * @param nanos monotonic nanoseconds ({@link System#nanoTime} in production)
   */
  public TrustedClock(Clock local, LongSupplier nanos) {
    this.local = Objects.requireNonNull(local, "local");
    this.nanos = Objects.requireNonNull(nanos, "nanos");
  }

  /** A trusted clock over the system clock and {@link System#nanoTime}. */
  public static TrustedClock system() {
    return new TrustedClock(Clock.systemUTC(), System::nanoTime);
  }

  /** The verified-time floor now, or {@code null} before any server time was observed. */
  public Instant floor() {
    Anchor a = anchor;
    return a == null
        ? null
        : a.serverTime().plusNanos(Math.max(0, nanos.getAsLong() - a.nanosAt()));
  }

  /**
   * Raises the floor to {@code verifiedServerTime} if that is later than the current floor. Call
   * only with a time taken from signed, verified content.
   *
   * @return true if the floor moved
   */
  public synchronized boolean observe(Instant verifiedServerTime) {
    Objects.requireNonNull(verifiedServerTime, "verifiedServerTime");
    Instant current = floor();
    if (current != null && !verifiedServerTime.isAfter(current)) {
      return false;
    }
    anchor = new Anchor(verifiedServerTime, nanos.getAsLong());
    return true;
  }

  /** Local clock minus floor: negative when the local clock is behind verified server time. */
  public Duration localSkew() {
    Instant floor = floor();
    return floor == null ? Duration.ZERO : Duration.between(floor, local.instant());
  }

  @Override
  public Instant instant() {
    Instant localNow = local.instant();
    Instant floor = floor();
    return floor != null && floor.isAfter(localNow) ? floor : localNow;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the trusted clock is UTC only");
  }
}
