package dev.tether.core.policy;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Application patterns as written in policies ({@link ModeOverride#app()}): which process sent a
 * request, as the agent attributes it (the executable of the process owning the client socket).
 *
 * <ul>
 *   <li>{@value #UNATTRIBUTED}: the request's process could not be determined (attribution timed
 *       out, the process was gone, or the platform cannot attribute).
 *   <li>An absolute path ({@code /usr/bin/curl}, {@code /opt/idea-*}{@code /bin/java}): matched
 *       against the whole executable path, case-sensitively; {@code *} stands for any characters
 *       except {@code /}.
 *   <li>Anything else is an executable name ({@code curl}, {@code code}, {@code cursor*}): matched
 *       case-insensitively against the last path segment, with a trailing {@code .exe} ignored;
 *       {@code *} stands for any characters.
 * </ul>
 *
 * <p>An executable name is what the developer controls most easily (copying a binary under another
 * name changes it), so overrides that relax a mode should name root-owned absolute paths; overrides
 * that tighten one (block a shadow tool) may use names.
 */
public final class AppPattern {
  /** The pattern that matches a request whose process is not known. */
  public static final String UNATTRIBUTED = "?";

  /** Longest pattern accepted. */
  public static final int MAX_LENGTH = 512;

  private static final Pattern VALID =
      Pattern.compile("[A-Za-z0-9 ._+@~:*/\\\\-]{1," + MAX_LENGTH + "}");

  private AppPattern() {}

  /**
   * Trims and validates an app pattern.
   *
   * @throws PolicyValidationException naming {@code key} when it is empty, too long or holds
   *     characters other than letters, digits, space and {@code ._+@~:*-/\}
   */
  public static String normalize(String key, String pattern) {
    if (pattern == null || pattern.isBlank()) {
      throw new PolicyValidationException(
          key + ": expected an executable name or path, got nothing");
    }
    String trimmed = pattern.trim();
    if (trimmed.equals(UNATTRIBUTED)) {
      return trimmed;
    }
    if (trimmed.length() > MAX_LENGTH || !VALID.matcher(trimmed).matches()) {
      throw new PolicyValidationException(
          key
              + ": expected \"?\", an executable name (e.g. \"code\") or an absolute path (e.g."
              + " \"/usr/bin/curl\"), got \""
              + (trimmed.length() > 80 ? trimmed.substring(0, 80) + "…" : trimmed)
              + "\"");
    }
    if (trimmed.chars().allMatch(c -> c == '*')) {
      throw new PolicyValidationException(
          key + ": \"" + trimmed + "\" matches every app; leave app out instead");
    }
    return trimmed;
  }

  /**
   * True if {@code pattern} (normalised) matches the executable {@code app}, {@code null} when the
   * process is not known.
   */
  public static boolean matches(String pattern, String app) {
    if (pattern.equals(UNATTRIBUTED)) {
      return app == null || app.isBlank() || app.equals(UNATTRIBUTED);
    }
    if (app == null || app.isBlank() || app.equals(UNATTRIBUTED)) {
      return false;
    }
    if (isPath(pattern)) {
      return glob(pattern, app, false, true);
    }
    return glob(stripExe(pattern), stripExe(basename(app)), true, false);
  }

  /** The last path segment of an executable path ({@code /usr/bin/curl} gives {@code curl}). */
  public static String basename(String app) {
    int slash = Math.max(app.lastIndexOf('/'), app.lastIndexOf('\\'));
    return app.substring(slash + 1);
  }

  private static boolean isPath(String pattern) {
    return pattern.startsWith("/")
        || pattern.startsWith("\\")
        || (pattern.length() > 2 && pattern.charAt(1) == ':' && pattern.charAt(2) == '\\');
  }

  private static String stripExe(String name) {
    return name.toLowerCase(Locale.ROOT).endsWith(".exe")
        ? name.substring(0, name.length() - 4)
        : name;
  }

  /**
   * Iterative glob match with {@code *} (no backtracking explosion: O(pattern x text)). With {@code
   * segmentOnly}, {@code *} never crosses a path separator.
   */
  private static boolean glob(
      String pattern, String text, boolean ignoreCase, boolean segmentOnly) {
    String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
    String t = ignoreCase ? text.toLowerCase(Locale.ROOT) : text;
    boolean[] reach = new boolean[t.length() + 1];
    reach[0] = true;
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      boolean[] next = new boolean[t.length() + 1];
      if (c == '*') {
        boolean carry = false;
        for (int j = 0; j <= t.length(); j++) {
          if (reach[j]) {
            carry = true;
          } else if (carry && segmentOnly && j > 0 && isSeparator(t.charAt(j - 1))) {
            carry = false;
          }
          next[j] = carry;
        }
      } else {
        for (int j = 0; j < t.length(); j++) {
          next[j + 1] = reach[j] && t.charAt(j) == c;
        }
      }
      reach = next;
    }
    return reach[t.length()];
  }

  private static boolean isSeparator(char c) {
    return c == '/' || c == '\\';
  }
}
