package dev.tether.core.rules;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The result of {@link Redactor#redact}: the redacted text and, in memory only, which original
 * value each placeholder stands for (to restore placeholders in a response). Never serialise it,
 * never log it: {@link #toString()} shows placeholder names only, and the original values are read
 * only through {@link #originalOf} and {@link #restore}.
 */
public final class Redaction {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\[[A-Z0-9_]{1,80}_[0-9]{1,9}\\]");

  private final String text;
  private final Map<String, String> originals;

  Redaction(String text, Map<String, String> originals) {
    this.text = text;
    this.originals = Map.copyOf(originals);
    this.placeholders = List.copyOf(originals.keySet());
  }

  private final List<String> placeholders;

  /** The text with every finding replaced by its placeholder. */
  public String text() {
    return text;
  }

  /** The placeholders used, e.g. {@code [AWS_ACCESS_KEY_1]}, in order of first use. */
  public List<String> placeholders() {
    return placeholders;
  }

  /** The original value behind {@code placeholder}, or {@code null}. Reveals a secret. */
  public String originalOf(String placeholder) {
    return originals.get(placeholder);
  }

  /**
   * {@code response} with every placeholder of this redaction replaced by its original value; other
   * bracketed text is left alone. Reveals secrets: use only on the way back to the user.
   */
  public String restore(CharSequence response) {
    Matcher matcher = PLACEHOLDER.matcher(response);
    StringBuilder out = new StringBuilder(response.length());
    int copied = 0;
    while (matcher.find()) {
      String original = originals.get(matcher.group());
      if (original != null) {
        out.append(response, copied, matcher.start()).append(original);
        copied = matcher.end();
      }
    }
    return out.append(response, copied, response.length()).toString();
  }

  @Override
  public String toString() {
    return "Redaction[placeholders=" + placeholders + ", chars=" + text.length() + "]";
  }
}
