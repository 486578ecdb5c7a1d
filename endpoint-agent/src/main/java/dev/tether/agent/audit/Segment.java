package dev.tether.agent.audit;

import java.nio.file.Path;

/**
 * One segment file {@code segment-<first sequence, 20 digits>.tas}. Mutable bookkeeping, guarded by
 * the owning {@link AuditSpool}'s lock.
 */
final class Segment {
  static final String PREFIX = "segment-";
  static final String SUFFIX = ".tas";

  final Path path;
  final long firstSeq;
  long lastSeq;
  long size;

  Segment(Path path, long firstSeq) {
    this.path = path;
    this.firstSeq = firstSeq;
    this.lastSeq = firstSeq - 1;
  }

  static String fileName(long firstSeq) {
    return PREFIX + String.format("%020d", firstSeq) + SUFFIX;
  }

  /** The first sequence from a segment's file name, or -1 if it is not a segment name. */
  static long parseFirstSeq(String fileName) {
    if (!fileName.startsWith(PREFIX) || !fileName.endsWith(SUFFIX)) {
      return -1;
    }
    String digits = fileName.substring(PREFIX.length(), fileName.length() - SUFFIX.length());
    return digits.matches("[0-9]{20}") ? Long.parseLong(digits) : -1;
  }
}
