package dev.tether.core.audit.log;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A C2SP tlog-checkpoint body: the log's origin, its size and the root hash of the tree of that
 * size, one per line ({@code <origin>\n<size>\n<base64 root>\n}). Signed as a note by {@link
 * NoteSigner}; parsed strictly (no extension lines are produced; extension lines are ignored on
 * parse as the format allows).
 *
 * @param origin the log's unique name, e.g. {@code tether.example.com/audit}
 * @param size number of leaves
 * @param rootHash RFC 6962 root of the tree of {@code size} leaves
 */
public record Checkpoint(String origin, long size, byte[] rootHash) {
  /** Longest origin line accepted. */
  public static final int MAX_ORIGIN = 255;

  public Checkpoint {
    Objects.requireNonNull(origin, "checkpoint.origin: required");
    if (origin.isEmpty() || origin.length() > MAX_ORIGIN || !origin.matches("[\\x21-\\x7e]+")) {
      throw new IllegalArgumentException(
          "checkpoint.origin: expected 1.."
              + MAX_ORIGIN
              + " printable ASCII characters without"
              + " spaces, got \""
              + origin
              + "\"");
    }
    if (size < 0) {
      throw new IllegalArgumentException("checkpoint.size: expected >= 0, got " + size);
    }
    if (rootHash == null || rootHash.length != Rfc6962.HASH_BYTES) {
      throw new IllegalArgumentException(
          "checkpoint.rootHash: expected " + Rfc6962.HASH_BYTES + " bytes");
    }
    rootHash = rootHash.clone();
  }

  @Override
  public byte[] rootHash() {
    return rootHash.clone();
  }

  /** The note body: three lines, each ending in a newline. */
  public String body() {
    return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n";
  }

  /**
   * Parses a checkpoint body (the text of a note before its signatures).
   *
   * @throws LogVerificationException naming the line that is malformed
   */
  public static Checkpoint parse(String body) throws LogVerificationException {
    if (!body.endsWith("\n")) {
      throw new LogVerificationException("checkpoint: body must end with a newline");
    }
    String[] lines = body.split("\n", -1);
    if (lines.length < 4) {
      throw new LogVerificationException(
          "checkpoint: expected origin, size and root hash lines, got " + (lines.length - 1));
    }
    long size;
    try {
      if (!lines[1].matches("0|[1-9][0-9]{0,18}")) {
        throw new NumberFormatException(lines[1]);
      }
      size = Long.parseLong(lines[1]);
    } catch (NumberFormatException e) {
      throw new LogVerificationException(
          "checkpoint.size: expected a decimal without leading zeros, got \"" + lines[1] + "\"");
    }
    byte[] root;
    try {
      root = Base64.getDecoder().decode(lines[2]);
    } catch (IllegalArgumentException e) {
      throw new LogVerificationException("checkpoint.rootHash: not base64: \"" + lines[2] + "\"");
    }
    try {
      return new Checkpoint(lines[0], size, root);
    } catch (IllegalArgumentException e) {
      throw new LogVerificationException(e.getMessage(), e);
    }
  }

  byte[] bodyBytes() {
    return body().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Checkpoint c
        && c.origin.equals(origin)
        && c.size == size
        && Arrays.equals(c.rootHash, rootHash);
  }

  @Override
  public int hashCode() {
    return Objects.hash(origin, size, Arrays.hashCode(rootHash));
  }

  @Override
  public String toString() {
    return "Checkpoint[" + origin + ", size=" + size + ", root=" + Hex.of(rootHash) + "]";
  }
}
