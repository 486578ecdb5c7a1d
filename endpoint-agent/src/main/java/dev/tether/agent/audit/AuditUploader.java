package dev.tether.agent.audit;

import dev.tether.core.api.AgentApi;
import dev.tether.core.api.AuditBatch;
import dev.tether.core.api.AuditBatchResult;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.LongUnaryOperator;

/**
 * Uploads spooled audit records: batches of at most {@link AgentApi#MAX_AUDIT_BATCH} events and
 * {@link #MAX_BATCH_PAYLOAD_BYTES} of encoded records, acknowledged in the spool only after the
 * server accounted for every event of the batch (stored or duplicate). Delivery is at-least-once;
 * the server deduplicates by event id, so the effect is exactly-once.
 *
 * <p>After a failure the next attempt waits an exponential backoff with jitter ({@link
 * #BASE_BACKOFF} doubling up to {@link #MAX_BACKOFF}), measured on the injected clock. Not
 * thread-safe: one uploader task calls it.
 */
public final class AuditUploader {
  private static final System.Logger LOG = System.getLogger(AuditUploader.class.getName());

  /** Bound on one batch's encoded records (the server accepts 4 MiB bodies). */
  public static final int MAX_BATCH_PAYLOAD_BYTES = 3 * 1024 * 1024;

  public static final Duration BASE_BACKOFF = Duration.ofSeconds(2);
  public static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

  private final AuditSpool spool;
  private final AuditSink sink;
  private final Clock clock;
  private final LongUnaryOperator jitter;
  private int failures;
  private Instant nextAttempt = Instant.MIN;
  private String lastError;
  private long uploaded;

  /**
   * @param jitter maps a backoff in milliseconds to the one actually waited (tests pass identity)
   */
  public AuditUploader(AuditSpool spool, AuditSink sink, Clock clock, LongUnaryOperator jitter) {
    this.spool = Objects.requireNonNull(spool);
    this.sink = Objects.requireNonNull(sink);
    this.clock = Objects.requireNonNull(clock);
    this.jitter = Objects.requireNonNull(jitter);
  }

  /** With the system clock and "equal jitter" (half fixed, half random). */
  public static AuditUploader create(AuditSpool spool, AuditSink sink) {
    return new AuditUploader(
        spool,
        sink,
        Clock.systemUTC(),
        ms -> ms / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(ms / 2 + 1));
  }

  /**
   * Uploads until the backlog is empty.
   *
   * @return number of events acknowledged
   * @throws IOException on the first failed batch (nothing after it is acknowledged)
   */
  public int drain() throws IOException, InterruptedException {
    int count = 0;
    while (true) {
      AuditSpool.Batch batch = spool.nextBatch(AgentApi.MAX_AUDIT_BATCH, MAX_BATCH_PAYLOAD_BYTES);
      if (batch.records() == 0) {
        return count;
      }
      if (!batch.events().isEmpty()) {
        AuditBatchResult result = sink.upload(new AuditBatch(batch.events(), batch.links()));
        if (result.accepted() + result.duplicates() != batch.events().size()) {
          throw new IOException(
              "audit upload: server accounted for "
                  + (result.accepted() + result.duplicates())
                  + " of "
                  + batch.events().size()
                  + " events; batch kept for retry");
        }
      }
      spool.acknowledge(batch);
      count += batch.events().size();
      uploaded += batch.events().size();
    }
  }

  /**
   * Drains if the backoff after the last failure has passed; never throws except on interrupt.
   *
   * @return true if the backlog was emptied
   */
  public boolean runOnce() throws InterruptedException {
    Instant now = clock.instant();
    if (now.isBefore(nextAttempt)) {
      return false;
    }
    try {
      drain();
      failures = 0;
      nextAttempt = Instant.MIN;
      lastError = null;
      return true;
    } catch (IOException | RuntimeException e) {
      failures++;
      long backoff =
          Math.min(MAX_BACKOFF.toMillis(), BASE_BACKOFF.toMillis() << Math.min(failures - 1, 20));
      nextAttempt = clock.instant().plusMillis(jitter.applyAsLong(backoff));
      lastError = "audit upload: " + e.getMessage();
      LOG.log(
          System.Logger.Level.INFO,
          "audit upload failed {0} time(s), backlog {1}, next attempt at {2}: {3}",
          failures,
          spool.backlog(),
          nextAttempt,
          e.getMessage());
      return false;
    }
  }

  /**
   * On shutdown: tries to upload everything once more, ignoring the backoff, for at most {@code
   * timeout}. What is not uploaded stays in the spool for the next start.
   *
   * @return true if the backlog is empty
   */
  public boolean flush(Duration timeout) {
    Thread worker =
        new Thread(
            () -> {
              try {
                drain();
              } catch (IOException | RuntimeException e) {
                LOG.log(
                    System.Logger.Level.INFO,
                    "audit flush on shutdown incomplete, {0} records stay spooled: {1}",
                    spool.backlog(),
                    e.getMessage());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "tether-audit-flush");
    worker.setDaemon(true);
    worker.start();
    try {
      worker.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (worker.isAlive()) {
      worker.interrupt();
      try {
        worker.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return spool.backlog() == 0;
  }

  /** The last upload error, or {@code null} after a success. */
  public String lastError() {
    return lastError;
  }

  /** Consecutive failed attempts. */
  public int failures() {
    return failures;
  }

  /** When the next attempt may run. */
  public Instant nextAttempt() {
    return nextAttempt;
  }

  /** Events acknowledged since start. */
  public long uploaded() {
    return uploaded;
  }
}
