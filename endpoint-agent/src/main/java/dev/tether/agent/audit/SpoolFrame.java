package dev.tether.agent.audit;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.CRC32C;

/**
 * One spool record on disk:
 *
 * <pre>
 * magic "TAS1" (4) | payload length (4) | crc32c of the rest (4) | sequence (8) | chain hash (32) | payload
 * </pre>
 *
 * The chain hash is {@code SHA-256(previous chain hash || sequence || payload)}: a per-device hash
 * chain across all records, so a record removed, reordered or rewritten (even with a fixed-up
 * checksum) breaks the chain. The checksum detects torn and corrupted records.
 */
final class SpoolFrame {
  static final int MAGIC = 0x54415331; // "TAS1"
  static final int HEADER_BYTES = 4 + 4 + 4 + 8 + 32;

  /**
   * Largest payload (one encoded event); anything larger is refused on write and corrupt on read.
   */
  static final int MAX_PAYLOAD = 256 * 1024;

  /** Chain hash before the first record of a device. */
  static final byte[] GENESIS = new byte[32];

  private SpoolFrame() {}

  /** The frame bytes; {@code chainOut} receives the new chain hash. */
  static byte[] encode(long seq, byte[] previousChain, byte[] payload, byte[] chainOut) {
    if (payload.length > MAX_PAYLOAD) {
      throw new IllegalArgumentException(
          "audit record: at most " + MAX_PAYLOAD + " bytes, got " + payload.length);
    }
    byte[] chain = chain(previousChain, seq, payload);
    System.arraycopy(chain, 0, chainOut, 0, 32);
    ByteBuffer frame = ByteBuffer.allocate(HEADER_BYTES + payload.length);
    frame.putInt(MAGIC).putInt(payload.length).putInt(0).putLong(seq).put(chain).put(payload);
    frame.putInt(8, crc(frame.array(), 12, frame.capacity() - 12));
    return frame.array();
  }

  static byte[] chain(byte[] previousChain, long seq, byte[] payload) {
    MessageDigest sha = sha256();
    sha.update(previousChain);
    sha.update(ByteBuffer.allocate(8).putLong(seq).array());
    sha.update(payload);
    return sha.digest();
  }

  static int crc(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
