package dev.tether.core.audit;

import dev.tether.core.json.JsonCodec;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Where one audit record sits in its device's spool hash chain, uploaded with the event so the
 * server can check the chain's continuity per device: {@code hash = SHA-256(previous || seq (8
 * bytes, big-endian) || payload)} where the payload is the record's canonical JSON ({@link
 * JsonCodec#write}), and {@code previous} is the hash of the record with sequence {@code seq - 1}
 * (32 zero bytes before the first).
 *
 * @param eventId the event this link belongs to
 * @param seq the record's spool sequence number, from 1
 * @param previous hex SHA-256 chain hash of the previous record
 * @param hash hex SHA-256 chain hash of this record
 */
public record ChainLink(String eventId, long seq, String previous, String hash) {
  /** The chain hash before a device's first record: 32 zero bytes, hex. */
  public static final String GENESIS = "0".repeat(64);

  private static final Pattern HEX256 = Pattern.compile("[0-9a-f]{64}");

  public ChainLink {
    try {
      eventId = UUID.fromString(eventId).toString();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("chainLink.eventId: expected a UUID, got " + eventId);
    }
    if (seq < 1) {
      throw new IllegalArgumentException("chainLink.seq: expected >= 1, got " + seq);
    }
    hex("previous", previous);
    hex("hash", hash);
  }

  /** The chain hash after {@code previous} of a record {@code seq} holding {@code payload}. */
  public static byte[] compute(byte[] previous, long seq, byte[] payload) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(previous);
      sha.update(ByteBuffer.allocate(8).putLong(seq).array());
      sha.update(payload);
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Whether {@link #hash} is the chain hash of {@code event} (its canonical JSON) after {@link
   * #previous} at {@link #seq}: the link belongs to this content.
   */
  public boolean binds(AuditEvent event) {
    byte[] expected = compute(HexFormat.of().parseHex(previous), seq, JsonCodec.write(event));
    return MessageDigest.isEqual(expected, HexFormat.of().parseHex(hash));
  }

  private static void hex(String key, String value) {
    if (value == null || !HEX256.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "chainLink." + key + ": expected 64 lowercase hex digits, got " + value);
    }
  }
}
