package dev.tether.core.bundle;

import java.util.regex.Pattern;

/** Tenant, group and device ids: lowercase slugs, so they are safe in paths, URLs and logs. */
public final class Identifiers {
  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private Identifiers() {}

  /**
   * Returns {@code value} if it is a valid id.
   *
   * @throws IllegalArgumentException naming {@code key} otherwise
   */
  public static String require(String key, String value) {
    if (value == null || !SLUG.matcher(value).matches()) {
      throw new IllegalArgumentException(
          key
              + ": expected 1-63 of [a-z0-9-] starting with a letter or digit, got \""
              + value
              + "\"");
    }
    return value;
  }

  /** True if {@code value} is a valid id. */
  public static boolean isValid(String value) {
    return value != null && SLUG.matcher(value).matches();
  }
}
