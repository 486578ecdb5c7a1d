package dev.tether.core.rules.eval;

import java.util.Objects;

/**
 * One expected finding in a corpus sample: a value of {@code type} at {@code [start, end)}.
 *
 * @param type the finding type the engine should report, e.g. {@code github-token}
 * @param start start offset in the sample text (inclusive, Java {@code String} index)
 * @param end end offset (exclusive)
 */
public record Label(String type, int start, int end) {
  public Label {
    Objects.requireNonNull(type, "label.type: required");
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("label: bad span [" + start + ", " + end + ")");
    }
  }

  /** True if {@code [otherStart, otherEnd)} shares at least one character with this label. */
  public boolean overlaps(int otherStart, int otherEnd) {
    return otherStart < end && start < otherEnd;
  }
}
