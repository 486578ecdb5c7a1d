package dev.tether.core.audit.evidence;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The signed text of an evidence package's {@code MANIFEST}: what the package covers and every
 * other file in it with its size and SHA-256. Its encoding is line-based and strict:
 *
 * <pre>
 * tether-evidence/v1
 * tenant &lt;tenant&gt;
 * period &lt;from ISO-8601&gt; &lt;to ISO-8601&gt;
 * generated &lt;ISO-8601&gt;
 * log-size &lt;audit log tree size the package is pinned to&gt;
 * file &lt;64 hex sha256&gt; &lt;size&gt; &lt;path&gt;   (one per file, sorted by path)
 * </pre>
 *
 * The second line never parses as a checkpoint's tree size, so a manifest signed with the audit-log
 * key is never mistaken for a checkpoint (and vice versa: a checkpoint has no format line).
 *
 * @param tenant the tenant the package is about
 * @param from start of the period (inclusive)
 * @param to end of the period (exclusive)
 * @param generatedAt when the server produced it
 * @param logSize the audit-log tree size every audit figure in the package is bounded by
 * @param files every file of the package except the manifest, sorted by path, unique
 */
public record EvidenceManifest(
    String tenant,
    Instant from,
    Instant to,
    Instant generatedAt,
    long logSize,
    List<EvidenceManifest.Entry> files) {

  /** First line of every manifest. */
  public static final String FORMAT = "tether-evidence/v1";

  /** Name of the signed manifest inside the ZIP. */
  public static final String MANIFEST_PATH = "MANIFEST";

  /** Most files one package may list. */
  public static final int MAX_FILES = 1000;

  private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final Pattern PATH = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  /**
   * One file.
   *
   * @param path relative path inside the ZIP ({@code [A-Za-z0-9._-]} segments, no {@code ..})
   * @param size exact size in bytes
   * @param sha256 lowercase hex SHA-256 of its bytes
   */
  public record Entry(String path, long size, String sha256) {
    public Entry {
      checkPath(path);
      if (size < 0) {
        throw new IllegalArgumentException("manifest.file.size: expected >= 0, got " + size);
      }
      if (sha256 == null || !SHA256.matcher(sha256).matches()) {
        throw new IllegalArgumentException(
            "manifest.file.sha256: expected 64 lowercase hex digits for " + path);
      }
    }
  }

  public EvidenceManifest {
    if (tenant == null || !TENANT.matcher(tenant).matches()) {
      throw new IllegalArgumentException("manifest.tenant: invalid \"" + tenant + "\"");
    }
    Objects.requireNonNull(from, "manifest.from: required");
    Objects.requireNonNull(to, "manifest.to: required");
    Objects.requireNonNull(generatedAt, "manifest.generatedAt: required");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("manifest.period: from must be before to");
    }
    if (logSize < 0) {
      throw new IllegalArgumentException("manifest.logSize: expected >= 0, got " + logSize);
    }
    files = List.copyOf(files);
    if (files.size() > MAX_FILES) {
      throw new IllegalArgumentException(
          "manifest.files: at most " + MAX_FILES + ", got " + files.size());
    }
    Set<String> seen = new HashSet<>();
    String previous = null;
    for (Entry file : files) {
      if (file.path().equals(MANIFEST_PATH) || !seen.add(file.path())) {
        throw new IllegalArgumentException("manifest.files: duplicate or reserved " + file.path());
      }
      if (previous != null && previous.compareTo(file.path()) > 0) {
        throw new IllegalArgumentException("manifest.files: not sorted at " + file.path());
      }
      previous = file.path();
    }
  }

  static void checkPath(String path) {
    if (path == null
        || path.length() > 200
        || !PATH.matcher(path).matches()
        || ("/" + path + "/").contains("/../")
        || ("/" + path + "/").contains("/./")) {
      throw new IllegalArgumentException("manifest.file.path: invalid \"" + path + "\"");
    }
  }

  /** The file listed at {@code path}, or null. */
  public Entry file(String path) {
    return files.stream().filter(f -> f.path().equals(path)).findFirst().orElse(null);
  }

  /** The signed-note text (every line ends with a newline; no blank line). */
  public String encode() {
    StringBuilder text = new StringBuilder(FORMAT).append('\n');
    text.append("tenant ").append(tenant).append('\n');
    text.append("period ").append(from).append(' ').append(to).append('\n');
    text.append("generated ").append(generatedAt).append('\n');
    text.append("log-size ").append(logSize).append('\n');
    for (Entry file : files) {
      text.append("file ")
          .append(file.sha256())
          .append(' ')
          .append(file.size())
          .append(' ')
          .append(file.path())
          .append('\n');
    }
    return text.toString();
  }

  /**
   * Parses the text {@link #encode()} produces, strictly.
   *
   * @throws EvidenceVerificationException naming the line that is wrong
   */
  public static EvidenceManifest parse(String text) throws EvidenceVerificationException {
    if (text == null || !text.endsWith("\n")) {
      throw new EvidenceVerificationException("MANIFEST: text must end with a newline");
    }
    String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
    if (lines.length < 5 || !lines[0].equals(FORMAT)) {
      throw new EvidenceVerificationException("MANIFEST: expected first line " + FORMAT);
    }
    try {
      String tenant = field(lines[1], "tenant");
      String[] period = field(lines[2], "period").split(" ", -1);
      if (period.length != 2) {
        throw new EvidenceVerificationException("MANIFEST line 3: expected period FROM TO");
      }
      Instant generated = Instant.parse(field(lines[3], "generated"));
      long logSize = Long.parseLong(field(lines[4], "log-size"));
      List<Entry> files = new ArrayList<>();
      for (int i = 5; i < lines.length; i++) {
        String[] parts = field(lines[i], "file").split(" ", -1);
        if (parts.length != 3) {
          throw new EvidenceVerificationException(
              "MANIFEST line " + (i + 1) + ": expected file SHA256 SIZE PATH");
        }
        files.add(new Entry(parts[2], Long.parseLong(parts[1]), parts[0]));
      }
      return new EvidenceManifest(
          tenant, Instant.parse(period[0]), Instant.parse(period[1]), generated, logSize, files);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new EvidenceVerificationException("MANIFEST: " + e.getMessage(), e);
    }
  }

  private static String field(String line, String key) throws EvidenceVerificationException {
    if (!line.startsWith(key + " ")) {
      throw new EvidenceVerificationException(
          "MANIFEST: expected a \"" + key + "\" line, got \"" + abbreviate(line) + "\"");
    }
    return line.substring(key.length() + 1);
  }

  private static String abbreviate(String line) {
    return line.length() > 60 ? line.substring(0, 60) + "..." : line;
  }
}
