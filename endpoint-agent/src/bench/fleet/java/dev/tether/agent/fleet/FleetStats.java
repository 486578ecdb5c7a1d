package dev.tether.agent.fleet;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What one phase of a run observed, per request kind: outcomes (HTTP status, or the I/O failure's
 * class), latency of each exchange as the agent sees it (encode, send, receive, decode) in
 * microseconds, and schedule lag (how much later than planned a call started: the simulator's
 * worker pool waits for a slow server exactly as an agent's one background thread does) in
 * milliseconds. Thread-safe; histograms are bounded (HdrHistogram, 3 significant digits, values
 * clamped to 10 minutes).
 */
public final class FleetStats {
  private static final long MAX_MICROS = 600_000_000L;
  private static final long MAX_MILLIS = 600_000L;

  private final Map<Kind, PerKind> kinds = new EnumMap<>(Kind.class);
  private final LongAdder eventsGenerated = new LongAdder();
  private final LongAdder eventJsonBytes = new LongAdder();
  private final LongAdder eventsAccepted = new LongAdder();
  private final LongAdder eventsDuplicate = new LongAdder();
  private final LongAdder bundleBytes = new LongAdder();
  private final LongAdder bundlesVerified = new LongAdder();

  FleetStats() {
    for (Kind kind : Kind.values()) {
      kinds.put(kind, new PerKind());
    }
  }

  /** One call of {@code kind}: its outcome and latency, and how late it started. */
  void record(Kind kind, String outcome, long latencyNanos, long lagNanos) {
    PerKind k = kinds.get(kind);
    k.outcomes.computeIfAbsent(outcome, o -> new LongAdder()).increment();
    k.latencyMicros.recordValue(Math.min(MAX_MICROS, Math.max(0, latencyNanos / 1000)));
    k.lagMillis.recordValue(Math.min(MAX_MILLIS, Math.max(0, lagNanos / 1_000_000)));
  }

  void eventsGenerated(int n, long jsonBytes) {
    eventsGenerated.add(n);
    eventJsonBytes.add(jsonBytes);
  }

  void eventsUploaded(int accepted, int duplicates) {
    eventsAccepted.add(accepted);
    eventsDuplicate.add(duplicates);
  }

  void bundleVerified(int bytes) {
    bundlesVerified.increment();
    bundleBytes.add(bytes);
  }

  public long requests(Kind kind) {
    return kinds.get(kind).latencyMicros.getTotalCount();
  }

  /** Outcome counts of {@code kind}, by outcome name ("200", "304", "503", "io:...", ...). */
  public Map<String, Long> outcomes(Kind kind) {
    Map<String, Long> out = new TreeMap<>();
    kinds.get(kind).outcomes.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /** Calls of {@code kind} that failed: anything but 2xx and 304. */
  public long errors(Kind kind) {
    return outcomes(kind).entrySet().stream()
        .filter(e -> !e.getKey().startsWith("2") && !e.getKey().equals("304"))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  public Histogram latencyMicros(Kind kind) {
    return kinds.get(kind).latencyMicros;
  }

  public Histogram lagMillis(Kind kind) {
    return kinds.get(kind).lagMillis;
  }

  public long eventsGenerated() {
    return eventsGenerated.sum();
  }

  /** Canonical JSON bytes of the generated events (what the chain hashes; the wire is gzip). */
  public long eventJsonBytes() {
    return eventJsonBytes.sum();
  }

  public long eventsAccepted() {
    return eventsAccepted.sum();
  }

  public long eventsDuplicate() {
    return eventsDuplicate.sum();
  }

  public long bundlesVerified() {
    return bundlesVerified.sum();
  }

  public long bundleBytes() {
    return bundleBytes.sum();
  }

  private static final class PerKind {
    final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    final ConcurrentHistogram latencyMicros = new ConcurrentHistogram(MAX_MICROS, 3);
    final ConcurrentHistogram lagMillis = new ConcurrentHistogram(MAX_MILLIS, 3);
  }
}
