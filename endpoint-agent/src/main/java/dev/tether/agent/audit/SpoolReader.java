package dev.tether.agent.audit;

import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.ChainLink;
import dev.tether.core.json.JsonCodec;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads unacknowledged records for upload from a snapshot of the segments (path, first sequence,
 * size at snapshot time), without holding the spool's lock. Corrupt records are skipped, counted
 * once and logged at ERROR.
 */
final class SpoolReader {
  private static final System.Logger LOG = System.getLogger(SpoolReader.class.getName());
  private static final int MAX_REPORTED = 10_000;

  private final SpoolRecovery recovery;
  private final AtomicLong corruptSinceOpen = new AtomicLong();

  SpoolReader(SpoolRecovery recovery) {
    this.recovery = recovery;
  }

  record SegmentView(Path path, long firstSeq, long size) {}

  long corruptSinceOpen() {
    return corruptSinceOpen.get();
  }

  AuditSpool.Batch read(
      List<SegmentView> views, SpoolRecovery.Cursor from, int maxEvents, int maxBytes)
      throws IOException {
    List<AuditEvent> events = new ArrayList<>();
    List<ChainLink> links = new ArrayList<>();
    byte[] previous = from.previousChain();
    long lastSeq = -1;
    long bytes = 0;
    int consumed = 0;
    SpoolRecovery.Cursor at = from;
    for (SegmentView view : views) {
      if (view.firstSeq() < from.segmentFirstSeq()) {
        continue;
      }
      long position = view.firstSeq() == from.segmentFirstSeq() ? from.position() : 0;
      try (FileChannel channel = FileChannel.open(view.path(), StandardOpenOption.READ)) {
        while (events.size() < maxEvents) {
          SegmentReader.Read read = SegmentReader.read(channel, position, view.size());
          if (read instanceof SegmentReader.Valid valid) {
            if (!events.isEmpty() && bytes + valid.payload().length > maxBytes) {
              return new AuditSpool.Batch(events, links, lastSeq, at, consumed);
            }
            AuditEvent event = decode(view, valid);
            if (event != null) {
              events.add(event);
              bytes += valid.payload().length;
              if (previous != null) {
                links.add(
                    new ChainLink(
                        event.eventId(),
                        valid.seq(),
                        HexFormat.of().formatHex(previous),
                        HexFormat.of().formatHex(valid.chain())));
              }
            }
            previous = valid.chain();
            lastSeq = valid.seq();
            consumed++;
            position = valid.next();
            at = new SpoolRecovery.Cursor(view.firstSeq(), position, previous);
          } else if (read instanceof SegmentReader.Corrupt bad) {
            report(view, bad.position());
            consumed++;
            position = bad.next();
            at = new SpoolRecovery.Cursor(view.firstSeq(), position, previous);
          } else if (read instanceof SegmentReader.Torn torn) {
            report(view, torn.position());
            consumed++;
            position = view.size();
            at = new SpoolRecovery.Cursor(view.firstSeq(), position, previous);
          } else {
            break;
          }
        }
      }
      if (events.size() >= maxEvents) {
        break;
      }
    }
    return new AuditSpool.Batch(events, links, lastSeq, at, consumed);
  }

  /** When the record at {@code cursor} occurred, or {@code null} if none can be read there. */
  Instant peekOccurredAt(List<SegmentView> views, SpoolRecovery.Cursor cursor) {
    try {
      AuditSpool.Batch one = read(views, cursor, 1, Integer.MAX_VALUE);
      return one.events().isEmpty() ? null : one.events().get(0).occurredAt();
    } catch (IOException e) {
      LOG.log(System.Logger.Level.ERROR, "audit spool: cannot read the oldest pending record", e);
      return null;
    }
  }

  private AuditEvent decode(SegmentView view, SegmentReader.Valid valid) {
    try {
      return JsonCodec.read(valid.payload(), AuditEvent.class);
    } catch (IllegalArgumentException e) {
      report(view, valid.position());
      return null;
    }
  }

  private void report(SegmentView view, long position) {
    String key = view.firstSeq() + ":" + position;
    if (recovery.corruptAt.size() < MAX_REPORTED && recovery.corruptAt.add(key)) {
      corruptSinceOpen.incrementAndGet();
      LOG.log(
          System.Logger.Level.ERROR,
          "audit spool {0}: corrupt record at byte {1} skipped; it cannot be uploaded",
          view.path().getFileName(),
          position);
    }
  }
}
