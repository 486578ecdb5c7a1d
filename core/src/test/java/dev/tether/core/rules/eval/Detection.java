package dev.tether.core.rules.eval;

import dev.tether.core.rules.Finding;

/**
 * A tool's claim that {@code [start, end)} of a sample holds a value of {@code type}. Tether
 * findings and an external tool's results (secretlint) are both scored in this form.
 */
public record Detection(String type, int start, int end) {

  /** The detection a Tether finding makes. */
  public static Detection of(Finding finding) {
    return new Detection(finding.type(), finding.start(), finding.end());
  }
}
