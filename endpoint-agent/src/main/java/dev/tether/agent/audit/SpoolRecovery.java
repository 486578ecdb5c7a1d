package dev.tether.agent.audit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.List;

/**
 * Scans the segments when the spool opens: validates every frame, the sequence and the hash chain,
 * cuts off a torn last record of the last segment (crash mid-write), and counts what it found.
 * Every finding is logged at ERROR: nothing is skipped silently.
 */
final class SpoolRecovery {
  private static final System.Logger LOG = System.getLogger(SpoolRecovery.class.getName());

  long lastSeq;
  byte[] lastChain = SpoolFrame.GENESIS;

  /** Chain hash of the acknowledged record (from the acked file), or null when unknown. */
  byte[] ackedChain;

  private long acked;
  boolean anchored;
  long backlog;
  long corrupt;
  long torn;
  long chainBreaks;
  Cursor firstPending;

  /**
   * Where corrupt regions were found ({@code firstSeq:position}), so readers do not count them
   * twice.
   */
  final java.util.Set<String> corruptAt = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * Position of the first unacknowledged record, and the chain hash of the record before it (so the
   * uploader can send each record's previous hash), null when unknown (a spool acknowledged by an
   * agent version that did not keep it): that record then goes without a link.
   */
  record Cursor(long segmentFirstSeq, long position, byte[] previousChain) {}

  void scan(List<Segment> segments, long ackedSeq) throws IOException {
    acked = ackedSeq;
    for (int i = 0; i < segments.size(); i++) {
      scanSegment(segments.get(i), ackedSeq, i == segments.size() - 1);
    }
    lastSeq = Math.max(lastSeq, ackedSeq);
  }

  private void scanSegment(Segment segment, long ackedSeq, boolean last) throws IOException {
    try (FileChannel channel =
        FileChannel.open(segment.path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = channel.size();
      long position = 0;
      while (true) {
        SegmentReader.Read read = SegmentReader.read(channel, position, size);
        if (read instanceof SegmentReader.Valid valid) {
          accept(segment, valid, ackedSeq);
          position = valid.next();
        } else if (read instanceof SegmentReader.Corrupt bad) {
          corrupt++;
          corruptAt.add(segment.firstSeq + ":" + bad.position());
          LOG.log(
              System.Logger.Level.ERROR,
              "audit spool {0}: corrupt record at byte {1} ({2} bytes) skipped; it cannot be"
                  + " uploaded",
              segment.path.getFileName(),
              bad.position(),
              bad.next() - bad.position());
          position = bad.next();
        } else if (read instanceof SegmentReader.Torn t) {
          if (last) {
            torn++;
            LOG.log(
                System.Logger.Level.ERROR,
                "audit spool {0}: torn last record of {1} bytes (crash during write) detected and"
                    + " cut off",
                segment.path.getFileName(),
                size - t.position());
            channel.truncate(t.position());
            channel.force(true);
            size = t.position();
          } else {
            corrupt++;
            corruptAt.add(segment.firstSeq + ":" + t.position());
            LOG.log(
                System.Logger.Level.ERROR,
                "audit spool {0}: incomplete record at byte {1} in a closed segment skipped",
                segment.path.getFileName(),
                t.position());
          }
          break;
        } else {
          break;
        }
      }
      segment.size = size;
    }
  }

  private void accept(Segment segment, SegmentReader.Valid valid, long ackedSeq) {
    if (anchored) {
      byte[] expected = SpoolFrame.chain(lastChain, valid.seq(), valid.payload());
      if (valid.seq() != lastSeq + 1 || !MessageDigest.isEqual(expected, valid.chain())) {
        chainBreaks++;
        LOG.log(
            System.Logger.Level.ERROR,
            "audit spool {0}: hash chain broken at sequence {1} (expected sequence {2}); records"
                + " are missing or were rewritten",
            segment.path.getFileName(),
            valid.seq(),
            lastSeq + 1);
      }
    }
    byte[] previous;
    if (anchored) {
      previous = lastChain;
    } else if (valid.seq() == 1) {
      previous = SpoolFrame.GENESIS;
    } else {
      // earlier segments were deleted once uploaded: the acked file remembers the chain hash
      previous = valid.seq() == acked + 1 ? ackedChain : null;
    }
    anchored = true;
    lastChain = valid.chain();
    lastSeq = Math.max(lastSeq, valid.seq());
    segment.lastSeq = Math.max(segment.lastSeq, valid.seq());
    if (valid.seq() > ackedSeq) {
      backlog++;
      if (firstPending == null) {
        firstPending = new Cursor(segment.firstSeq, valid.position(), previous);
      }
    }
  }
}
