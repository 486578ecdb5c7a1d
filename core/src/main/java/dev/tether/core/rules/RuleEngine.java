package dev.tether.core.rules;

import dev.tether.core.policy.PolicyDocument;
import dev.tether.core.rules.credentials.CredentialDetectors;
import dev.tether.core.rules.personal.PersonalDataDetectors;
import dev.tether.core.rules.tradesecret.TradeSecretDetectors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Runs every detector over a text and returns all findings in order of position. Immutable and
 * thread-safe: build once per activated policy, call {@link #scan} concurrently.
 */
public final class RuleEngine {
  /** Longest text scanned; larger inputs are refused (the caller blocks). */
  public static final int MAX_SCAN_CHARS = 16 * 1024 * 1024;

  private final List<Detector> detectors;

  private RuleEngine(List<Detector> detectors) {
    this.detectors = List.copyOf(detectors);
  }

  /** The built-in detectors: credentials and personal data. */
  public static RuleEngine standard() {
    List<Detector> detectors = new ArrayList<>(CredentialDetectors.all());
    detectors.addAll(PersonalDataDetectors.all());
    return new RuleEngine(detectors);
  }

  /** The built-in detectors plus those {@code policy} defines (markers, protected code, rules). */
  public static RuleEngine forPolicy(PolicyDocument policy) {
    List<Detector> detectors = new ArrayList<>(CredentialDetectors.all());
    detectors.addAll(PersonalDataDetectors.all());
    detectors.addAll(TradeSecretDetectors.forPolicy(policy));
    return new RuleEngine(detectors);
  }

  /** An engine over exactly {@code detectors}. */
  public static RuleEngine of(List<Detector> detectors) {
    return new RuleEngine(Objects.requireNonNull(detectors, "detectors"));
  }

  /** The detector families this engine can report. */
  public List<String> families() {
    return detectors.stream().map(Detector::family).distinct().toList();
  }

  /**
   * All findings in {@code text}, ordered by start offset.
   *
   * @throws IllegalArgumentException if {@code text} is longer than {@link #MAX_SCAN_CHARS}
   */
  public List<Finding> scan(CharSequence text) {
    if (text.length() > MAX_SCAN_CHARS) {
      throw new IllegalArgumentException(
          "scan: text of " + text.length() + " chars exceeds the limit of " + MAX_SCAN_CHARS);
    }
    List<Finding> findings = new ArrayList<>();
    for (Detector detector : detectors) {
      findings.addAll(detector.scan(text));
    }
    findings.sort(Comparator.comparingInt(Finding::start).thenComparing(Finding::detectorId));
    return List.copyOf(findings);
  }
}
