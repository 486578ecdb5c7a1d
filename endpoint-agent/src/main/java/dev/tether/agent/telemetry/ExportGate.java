package dev.tether.agent.telemetry;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds and counts what is waiting for export. Wraps the batch processor (the gate: a span is
 * handed on only while fewer than {@code max} spans are queued or being exported, otherwise it is
 * dropped and counted) and the exporter (counts accepted and failed spans and releases their
 * places). {@link SpanProcessor#onEnd} never blocks: it is one atomic increment and an offer.
 */
final class ExportGate {
  private final long max;
  private final AtomicLong inFlight = new AtomicLong();
  private final AtomicLong exported = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();

  ExportGate(long max) {
    this.max = max;
  }

  /** The exporter, counting results and releasing queue places when an export completes. */
  SpanExporter counting(SpanExporter delegate) {
    return new SpanExporter() {
      @Override
      public CompletableResultCode export(Collection<SpanData> spans) {
        int n = spans.size();
        CompletableResultCode result;
        try {
          result = delegate.export(spans);
        } catch (RuntimeException e) {
          result = CompletableResultCode.ofFailure();
        }
        CompletableResultCode done = result;
        done.whenComplete(
            () -> {
              inFlight.addAndGet(-n);
              (done.isSuccess() ? exported : failed).addAndGet(n);
            });
        return done;
      }

      @Override
      public CompletableResultCode flush() {
        return delegate.flush();
      }

      @Override
      public CompletableResultCode shutdown() {
        return delegate.shutdown();
      }
    };
  }

  /** The processor in front of {@code batch}: drops (and counts) over the bound. */
  SpanProcessor gating(SpanProcessor batch) {
    return new SpanProcessor() {
      @Override
      public void onStart(Context parentContext, ReadWriteSpan span) {}

      @Override
      public boolean isStartRequired() {
        return false;
      }

      @Override
      public void onEnd(ReadableSpan span) {
        if (inFlight.incrementAndGet() > max) {
          inFlight.decrementAndGet();
          dropped.incrementAndGet();
          return;
        }
        batch.onEnd(span);
      }

      @Override
      public boolean isEndRequired() {
        return true;
      }

      @Override
      public CompletableResultCode shutdown() {
        return batch.shutdown();
      }

      @Override
      public CompletableResultCode forceFlush() {
        return batch.forceFlush();
      }
    };
  }

  long exported() {
    return exported.get();
  }

  long failed() {
    return failed.get();
  }

  long dropped() {
    return dropped.get();
  }

  long queued() {
    return Math.max(0, inFlight.get());
  }
}
