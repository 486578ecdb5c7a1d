package dev.tether.models;

import java.util.Arrays;

/** What the judge says a developer appears to be doing; the policy maps each label to a mode. */
public enum IntentLabel {
  PUBLIC_REFERENCE_LOOKUP("public-reference-lookup"),
  GENERIC_CODE_ASSISTANCE("generic-code-assistance"),
  CODE_REVIEW_WITH_SECRET_EXPOSURE("code-review-with-secret-exposure"),
  PROPRIETARY_CODE_DISCLOSURE("proprietary-code-disclosure"),
  INTERNAL_CONTEXT_EXTRACTION("internal-context-extraction"),
  REGULATED_DATA_EXPOSURE("regulated-data-exposure"),
  POLICY_CIRCUMVENTION("policy-circumvention");

  private final String label;

  IntentLabel(String label) {
    this.label = label;
  }

  /** The exact label used in policies, audit events and the corpus. */
  public String label() {
    return label;
  }

  /**
   * @throws IllegalArgumentException listing the valid labels when {@code label} is unknown
   */
  public static IntentLabel fromLabel(String label) {
    return Arrays.stream(values())
        .filter(v -> v.label.equals(label))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "intent label: expected one of "
                        + Arrays.stream(values()).map(IntentLabel::label).toList()
                        + ", got \""
                        + label
                        + "\""));
  }
}
