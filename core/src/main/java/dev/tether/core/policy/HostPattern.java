package dev.tether.core.policy;

import java.util.Locale;
import java.util.regex.Pattern;

/** Host names and {@code *.suffix} wildcards as written in policies. */
public final class HostPattern {
  private static final Pattern VALID =
      Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]{0,62})(\\.[a-z0-9]([a-z0-9-]{0,62}))*");
  private static final int MAX_LENGTH = 253;

  private HostPattern() {}

  /**
   * Lowercases and validates a host pattern.
   *
   * @throws PolicyValidationException naming {@code key} if the pattern is not a DNS name
   */
  public static String normalize(String key, String pattern) {
    if (pattern == null || pattern.isBlank()) {
      throw new PolicyValidationException(key + ": expected a host name, got nothing");
    }
    String lower = pattern.trim().toLowerCase(Locale.ROOT);
    if (lower.length() > MAX_LENGTH || !VALID.matcher(lower).matches()) {
      throw new PolicyValidationException(
          key + ": expected a DNS name or *.suffix, got \"" + pattern + "\"");
    }
    return lower;
  }

  /** True if lowercase {@code host} matches {@code pattern} (exact, or {@code *.suffix}). */
  public static boolean matches(String pattern, String host) {
    if (pattern.startsWith("*.")) {
      String suffix = pattern.substring(1);
      return host.endsWith(suffix) && host.length() > suffix.length();
    }
    return pattern.equals(host);
  }
}
