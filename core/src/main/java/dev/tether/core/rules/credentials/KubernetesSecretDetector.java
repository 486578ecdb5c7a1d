package dev.tether.core.rules.credentials;

import dev.tether.core.policy.DetectorFamilies;
import dev.tether.core.rules.Detector;
import dev.tether.core.rules.Finding;
import dev.tether.core.rules.Severity;
import dev.tether.core.rules.support.AnchoredRegexDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes Secret manifests in YAML: every value under {@code data:} (Base64) or {@code
 * stringData:} of a document that declares {@code kind: Secret} within {@value #WINDOW} characters.
 * Each value is its own finding. Values that decode to placeholders or references are skipped.
 *
 * <p>Linear: one pass finds every {@code kind: Secret}; one pass finds every data block; each data
 * line is read once.
 */
final class KubernetesSecretDetector implements Detector {
  static final String ID = "kubernetes-secret";
  static final int WINDOW = 4096;

  /** {@code kind: Secret} lines; only their start offsets are used. */
  private static final AnchoredRegexDetector KINDS =
      new AnchoredRegexDetector(
          "kubernetes-secret-kind",
          "kubernetes-secret-kind",
          DetectorFamilies.GENERIC_SECRETS,
          Severity.LOW,
          1.0,
          Set.of("kind"),
          Set.of("kind"),
          0,
          // starts at "kind" (one attempt per occurrence); only indentation or a quote before it
          Pattern.compile(
              "(?m)(?<=^[ \\t]{0,8}\"?)kind\"?[ \\t]{0,4}:[ \\t]{0,4}\"?Secret\"?[ \\t]*$"),
          v -> true);

  /** {@code data:} and {@code stringData:} block headers; group 1 spans indent and name. */
  private static final AnchoredRegexDetector BLOCKS =
      new AnchoredRegexDetector(
          "kubernetes-secret-block",
          "kubernetes-secret-block",
          DetectorFamilies.GENERIC_SECRETS,
          Severity.LOW,
          1.0,
          Set.of("data:"),
          Set.of("data:"),
          16,
          Pattern.compile("(?m)^([ \\t]{0,8}+(?:data|stringData)):[ \\t]*\\r?$"),
          v -> true);

  private static final Pattern ENTRY =
      Pattern.compile(
          "([ \\t]{1,16}+)[A-Za-z0-9_.-]{1,253}+:[ \\t]{1,4}[\"']?([^\\s\"'#]{1,8192}+)");

  @Override
  public String family() {
    return DetectorFamilies.GENERIC_SECRETS;
  }

  @Override
  public Set<String> keywords() {
    return Set.of("secret");
  }

  @Override
  public List<Finding> scan(CharSequence text) {
    List<Integer> kinds = KINDS.scan(text).stream().map(Finding::start).toList();
    List<Finding> findings = new ArrayList<>();
    if (kinds.isEmpty()) {
      return findings;
    }
    int next = 0;
    for (Finding block : BLOCKS.scan(text)) {
      int at = block.start();
      while (next < kinds.size() - 1 && kinds.get(next + 1) <= at) {
        next++;
      }
      boolean near =
          Math.abs(kinds.get(next) - at) <= WINDOW
              || (next + 1 < kinds.size() && Math.abs(kinds.get(next + 1) - at) <= WINDOW);
      if (near) {
        String header = text.subSequence(block.start(), block.end()).toString();
        String name = header.strip();
        int indent = header.length() - name.length();
        // the header span stops before the colon; the values start on the next line
        int lineEnd = block.end();
        while (lineEnd < text.length() && text.charAt(lineEnd) != '\n') {
          lineEnd++;
        }
        readBlock(text, lineEnd, indent, name.equals("data"), findings);
      }
    }
    return findings;
  }

  /** Reads the indented {@code key: value} lines after a data block header. */
  private void readBlock(
      CharSequence text, int from, int indent, boolean base64, List<Finding> findings) {
    int lineStart = from < text.length() && text.charAt(from) == '\n' ? from + 1 : from;
    Matcher entry = ENTRY.matcher(text);
    while (lineStart < text.length()) {
      int lineEnd = lineStart;
      while (lineEnd < text.length() && text.charAt(lineEnd) != '\n') {
        lineEnd++;
      }
      entry.region(lineStart, lineEnd);
      if (!entry.lookingAt() || entry.group(1).length() <= indent) {
        return;
      }
      String value = entry.group(2);
      if (isSecretValue(value, base64)) {
        findings.add(
            new Finding(
                ID,
                "kubernetes-secret",
                family(),
                Severity.CRITICAL,
                0.9,
                entry.start(2),
                entry.end(2)));
      }
      lineStart = lineEnd + 1;
    }
  }

  private static boolean isSecretValue(String value, boolean base64) {
    if (Values.isReference(value) || Values.isCommonWord(value)) {
      return false;
    }
    if (!base64) {
      return value.length() >= 6 && Values.plausible(value);
    }
    return value.length() >= 4
        && Values.base64Text(value)
            .map(
                s ->
                    s.length() >= 3
                        && Values.plausible(s)
                        && !Values.isReference(s)
                        && !Values.isCommonWord(s))
            .orElse(false);
  }
}
