package dev.tether.core.rules.eval;

import java.util.List;
import java.util.Objects;

/**
 * One corpus entry.
 *
 * @param id stable id, unique in the corpus (also the file name in the secretlint comparison)
 * @param category where the sample comes from, e.g. {@code positive/env-file} or {@code
 *     negative/hash}; used only to explain errors
 * @param text the text to scan
 * @param labels every value in {@code text} the engine should report; empty for a hard negative
 */
public record Sample(String id, String category, String text, List<Label> labels) {
  public Sample {
    Objects.requireNonNull(id, "sample.id: required");
    Objects.requireNonNull(category, "sample.category: required");
    Objects.requireNonNull(text, "sample.text: required");
    labels = List.copyOf(labels);
    for (Label label : labels) {
      if (label.end() > text.length()) {
        throw new IllegalArgumentException(
            "sample " + id + ": label " + label + " outside text of " + text.length() + " chars");
      }
    }
  }

  /** True if this sample expects no finding at all. */
  public boolean isNegative() {
    return labels.isEmpty();
  }
}
