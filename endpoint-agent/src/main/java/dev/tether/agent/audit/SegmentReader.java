package dev.tether.agent.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * Reads frames from one segment, strictly: a frame is valid only if its magic, bounded length and
 * checksum hold. After a bad frame the reader resynchronises on the next magic.
 */
final class SegmentReader {
  private SegmentReader() {}

  /** What was found at a position. */
  sealed interface Read permits Valid, Corrupt, Torn, End {}

  /** A checksummed frame; {@code next} is the position just after it. */
  record Valid(long position, long seq, byte[] chain, byte[] payload, long next) implements Read {}

  /** Bytes from {@code position} to {@code next} are not a valid frame; {@code next} may be one. */
  record Corrupt(long position, long next) implements Read {}

  /** From {@code position} to the end there is only an incomplete or unverifiable last frame. */
  record Torn(long position) implements Read {}

  /** Nothing more. */
  record End() implements Read {}

  static Read read(FileChannel channel, long position, long size) throws IOException {
    if (position >= size) {
      return new End();
    }
    if (size - position < SpoolFrame.HEADER_BYTES) {
      return new Torn(position);
    }
    ByteBuffer header = ByteBuffer.allocate(SpoolFrame.HEADER_BYTES);
    readFully(channel, header, position);
    header.flip();
    int magic = header.getInt();
    int length = header.getInt();
    int crc = header.getInt();
    if (magic != SpoolFrame.MAGIC || length < 0 || length > SpoolFrame.MAX_PAYLOAD) {
      return badAt(channel, position, size);
    }
    long end = position + SpoolFrame.HEADER_BYTES + length;
    if (end > size) {
      long next = nextMagic(channel, position + 1, size);
      return next < 0 ? new Torn(position) : new Corrupt(position, next);
    }
    ByteBuffer frame = ByteBuffer.allocate(SpoolFrame.HEADER_BYTES + length);
    readFully(channel, frame, position);
    byte[] bytes = frame.array();
    if (SpoolFrame.crc(bytes, 12, bytes.length - 12) != crc) {
      if (end == size) {
        return new Torn(position);
      }
      return badAt(channel, position, size);
    }
    long seq = ByteBuffer.wrap(bytes, 12, 8).getLong();
    byte[] chain = Arrays.copyOfRange(bytes, 20, 52);
    byte[] payload = Arrays.copyOfRange(bytes, 52, bytes.length);
    return new Valid(position, seq, chain, payload, end);
  }

  private static Read badAt(FileChannel channel, long position, long size) throws IOException {
    long next = nextMagic(channel, position + 1, size);
    return new Corrupt(position, next < 0 ? size : next);
  }

  /** Position of the next magic at or after {@code from}, or -1. */
  static long nextMagic(FileChannel channel, long from, long size) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    for (long base = from; base < size; base += buffer.capacity() - 3L) {
      buffer.clear();
      int n = channel.read(buffer, base);
      if (n < 4) {
        return -1;
      }
      for (int i = 0; i + 4 <= n; i++) {
        if (buffer.getInt(i) == SpoolFrame.MAGIC) {
          return base + i;
        }
      }
      if (n < buffer.capacity()) {
        return -1;
      }
    }
    return -1;
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long position)
      throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, at);
      if (n < 0) {
        throw new IOException("audit segment ended early at " + at);
      }
      at += n;
    }
  }
}
