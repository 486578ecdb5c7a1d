package dev.tether.server.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Strong entity tags (RFC 9110 section 8.8.3) of mutable admin resources and the {@code If-Match}
 * check that guards their changes against lost updates.
 *
 * <p>A tag is the first 128 bits of SHA-256 over the resource's canonical JSON, so equal content
 * always has the same tag and any change gives a new one. Checks run inside the transaction that
 * writes, after the row is locked, so two writers holding the same tag cannot both succeed.
 */
public final class EntityTags {
  private static final int MAX_HEADER = 4096;

  private EntityTags() {}

  /**
   * The quoted strong tag of {@code canonical}, e.g. {@code "9f86d081884c7d659a2feaa0c55ad015"}.
   */
  public static String of(byte[] canonical) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical);
      return "\"" + HexFormat.of().formatHex(hash, 0, 16) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** The tag of a UTF-8 string. */
  public static String of(String canonical) {
    return of(canonical.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Checks {@code ifMatch} (the raw header, null when absent) against the resource's current tag.
   *
   * @param what the resource, for messages (e.g. {@code policy draft of acme/default})
   * @param current the current tag, empty when the resource does not exist yet
   * @param required whether a change without {@code If-Match} is refused
   * @throws TetherException PRECONDITION_REQUIRED when the header is required and absent,
   *     PRECONDITION_FAILED when no listed tag matches (weak tags never match; {@code *} matches
   *     any existing resource), INVALID for a malformed header
   */
  public static void check(
      String ifMatch, Optional<String> current, boolean required, String what) {
    if (ifMatch == null || ifMatch.isBlank()) {
      if (required) {
        throw new TetherException(
            TetherException.Kind.PRECONDITION_REQUIRED,
            "If-Match: required to change the "
                + what
                + "; send the ETag of your last read (GET), or * to overwrite deliberately");
      }
      return;
    }
    if (ifMatch.length() > MAX_HEADER) {
      throw new TetherException(
          TetherException.Kind.INVALID, "If-Match: longer than " + MAX_HEADER + " characters");
    }
    String header = ifMatch.trim();
    if (header.equals("*")) {
      if (current.isPresent()) {
        return;
      }
      throw new TetherException(
          TetherException.Kind.PRECONDITION_FAILED,
          "If-Match: * but the " + what + " does not exist yet");
    }
    for (String raw : header.split(",")) {
      String tag = raw.trim();
      if (!tag.startsWith("\"") && !tag.startsWith("W/\"")
          || !tag.endsWith("\"")
          || tag.length() < 2) {
        throw new TetherException(
            TetherException.Kind.INVALID,
            "If-Match: expected quoted entity tags or *, got " + echo(tag));
      }
      if (current.isPresent() && !tag.startsWith("W/") && tag.equals(current.get())) {
        return;
      }
    }
    throw new TetherException(
        TetherException.Kind.PRECONDITION_FAILED,
        "If-Match: the "
            + what
            + " changed since "
            + echo(header)
            + " (now "
            + current.orElse("absent")
            + "); read it again and re-apply your change");
  }

  private static String echo(String value) {
    return value.length() > 80 ? value.substring(0, 80) + "..." : value;
  }
}
