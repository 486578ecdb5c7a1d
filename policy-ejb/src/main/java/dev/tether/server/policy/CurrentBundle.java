package dev.tether.server.policy;

import java.util.Optional;

/**
 * What the bundle endpoint answers: the strong ETag of the group's newest bundle and, unless the
 * caller already has it, its envelope bytes.
 *
 * @param etag quoted strong ETag, {@code "<version>-<first 16 hex of the digest>"}
 * @param envelope the signed envelope, empty when the caller's ETag matched
 */
public record CurrentBundle(String etag, Optional<byte[]> envelope) {
  /** The ETag for a version and its {@code sha256:<hex>} digest. */
  public static String etag(long version, String digest) {
    String hex = digest.startsWith("sha256:") ? digest.substring("sha256:".length()) : digest;
    return "\"" + version + "-" + hex.substring(0, Math.min(16, hex.length())) + "\"";
  }

  /**
   * True if an {@code If-None-Match} header value names {@code etag} ({@code *}, a list, and weak
   * forms are understood, as RFC 9110 weak comparison requires for If-None-Match).
   */
  public static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String trimmed = candidate.trim();
      if (trimmed.equals("*")) {
        return true;
      }
      if (trimmed.startsWith("W/")) {
        trimmed = trimmed.substring(2);
      }
      if (trimmed.equals(etag)) {
        return true;
      }
    }
    return false;
  }
}
