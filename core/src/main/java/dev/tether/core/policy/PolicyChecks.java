package dev.tether.core.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Shared checks for policy sections; every failure names the key (with index) and the value. */
final class PolicyChecks {
  /** Lowercase ids used in detector ids and finding types. */
  static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final int MAX_ECHO = 60;

  private PolicyChecks() {}

  /** An unmodifiable copy that keeps null elements (so validation can name them), or empty. */
  static <T> List<T> copy(List<T> list) {
    return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
  }

  /**
   * Trims each value, collapses inner whitespace runs to one space, rejects nulls and values out of
   * {@code minChars..maxChars}, and drops case-insensitive duplicates (keeping the first).
   */
  static List<String> phrases(
      String key, List<String> values, int maxCount, int minChars, int maxChars) {
    requireAtMost(key, values.size(), maxCount);
    Map<String, String> unique = new LinkedHashMap<>();
    for (int i = 0; i < values.size(); i++) {
      String raw = values.get(i);
      String value = raw == null ? null : WHITESPACE.matcher(raw.strip()).replaceAll(" ");
      if (value == null || value.length() < minChars || value.length() > maxChars) {
        throw new PolicyValidationException(
            key
                + "["
                + i
                + "]: expected "
                + minChars
                + " to "
                + maxChars
                + " characters, got "
                + echo(raw));
      }
      unique.putIfAbsent(value.toLowerCase(Locale.ROOT), value);
    }
    return List.copyOf(unique.values());
  }

  /** Rejects a list longer than {@code max}, naming the key and both sizes. */
  static void requireAtMost(String key, int size, int max) {
    if (size > max) {
      throw new PolicyValidationException(
          key + ": at most " + max + " entries allowed, got " + size);
    }
  }

  /** Rejects an id that is not lowercase {@code [a-z0-9-]} of at most {@code maxChars}. */
  static String id(String key, String value, int maxChars) {
    if (value == null || value.length() > maxChars || !ID.matcher(value).matches()) {
      throw new PolicyValidationException(
          key
              + ": expected a lowercase id of [a-z0-9-], at most "
              + maxChars
              + " characters, got "
              + echo(value));
    }
    return value;
  }

  /** The value quoted for an error message, shortened so messages stay readable. */
  static String echo(String value) {
    if (value == null) {
      return "null";
    }
    String shown = value.length() > MAX_ECHO ? value.substring(0, MAX_ECHO) + "..." : value;
    return "\"" + shown + "\"";
  }
}
