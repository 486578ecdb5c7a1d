package dev.tether.server.audit.trace;

/**
 * The trace of one uploaded audit batch. Lifecycle: {@link IngestTracer#start}, then {@link
 * #storeStarted}/{@link #storeEnded} around each storing attempt, then {@link #end} once. No method
 * throws or blocks on I/O; a failing trace never fails an ingestion.
 */
public interface IngestTrace {
  /** Not traced. */
  IngestTrace NONE =
      new IngestTrace() {
        @Override
        public String traceId() {
          return null;
        }

        @Override
        public void storeStarted(int attempt) {}

        @Override
        public void storeEnded(long accepted, long duplicates, Throwable failure) {}

        @Override
        public void end(long accepted, long duplicates, Throwable failure) {}
      };

  /** The trace id (32 lowercase hex), or {@code null} when not traced. */
  String traceId();

  /** One storing attempt (transaction: store and assign log leaves) begins. */
  void storeStarted(int attempt);

  /** That attempt ended: what it stored, or what it threw (class name only). */
  void storeEnded(long accepted, long duplicates, Throwable failure);

  /** The batch is done (stored, or refused with {@code failure}). */
  void end(long accepted, long duplicates, Throwable failure);
}
