package dev.tether.core.bundle;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version {@code MAJOR.MINOR.PATCH[-PRERELEASE]} ordered by Semantic Versioning 2.0.0
 * precedence: numeric fields numerically, a pre-release below its release, pre-release identifiers
 * compared field by field (numeric ones numerically and below alphanumeric ones). Build metadata
 * ({@code +...}) is refused: two builds of one version would compare equal.
 *
 * @param major major version
 * @param minor minor version
 * @param patch patch version
 * @param preRelease pre-release identifiers joined by dots, or {@code ""} for a release
 */
public record ReleaseVersion(int major, int minor, int patch, String preRelease)
    implements Comparable<ReleaseVersion> {
  private static final Pattern FORMAT =
      Pattern.compile(
          "(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})"
              + "(?:-([0-9A-Za-z-]{1,40}(?:\\.[0-9A-Za-z-]{1,40}){0,9}))?");
  private static final Pattern NUMERIC = Pattern.compile("0|[1-9][0-9]{0,17}");

  public ReleaseVersion {
    if (major < 0 || minor < 0 || patch < 0) {
      throw new IllegalArgumentException(
          "version: expected non-negative numbers, got " + major + "." + minor + "." + patch);
    }
    preRelease = preRelease == null ? "" : preRelease;
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming {@code key} if it is not a semantic version
   */
  public static ReleaseVersion parse(String key, String text) {
    Matcher m = text == null ? null : FORMAT.matcher(text);
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException(
          key + ": expected a semantic version MAJOR.MINOR.PATCH[-PRE], got \"" + text + "\"");
    }
    for (String id : m.group(4) == null ? new String[0] : m.group(4).split("\\.")) {
      if (id.length() > 1 && id.startsWith("0") && id.chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException(
            key + ": numeric pre-release identifier with a leading zero in \"" + text + "\"");
      }
    }
    return new ReleaseVersion(
        Integer.parseInt(m.group(1)),
        Integer.parseInt(m.group(2)),
        Integer.parseInt(m.group(3)),
        m.group(4));
  }

  @Override
  public int compareTo(ReleaseVersion other) {
    int c = Integer.compare(major, other.major);
    if (c == 0) {
      c = Integer.compare(minor, other.minor);
    }
    if (c == 0) {
      c = Integer.compare(patch, other.patch);
    }
    if (c != 0) {
      return c;
    }
    if (preRelease.isEmpty() || other.preRelease.isEmpty()) {
      // A release ranks above any of its pre-releases.
      return Boolean.compare(preRelease.isEmpty(), other.preRelease.isEmpty());
    }
    String[] mine = preRelease.split("\\.");
    String[] theirs = other.preRelease.split("\\.");
    for (int i = 0; i < Math.min(mine.length, theirs.length); i++) {
      c = compareIdentifier(mine[i], theirs[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(mine.length, theirs.length);
  }

  private static int compareIdentifier(String a, String b) {
    boolean numA = NUMERIC.matcher(a).matches();
    boolean numB = NUMERIC.matcher(b).matches();
    if (numA && numB) {
      return Long.compare(Long.parseLong(a), Long.parseLong(b));
    }
    if (numA != numB) {
      return numA ? -1 : 1;
    }
    return a.compareTo(b);
  }

  /** True if this version ranks strictly above {@code other}. */
  public boolean isNewerThan(ReleaseVersion other) {
    return compareTo(other) > 0;
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch + (preRelease.isEmpty() ? "" : "-" + preRelease);
  }
}
