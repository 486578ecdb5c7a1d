package dev.tether.core.rules.tradesecret;

import dev.tether.core.policy.CustomRule;
import dev.tether.core.policy.DetectorFamilies;
import dev.tether.core.policy.Dictionary;
import dev.tether.core.policy.PolicyDocument;
import dev.tether.core.policy.TradeSecrets;
import dev.tether.core.rules.Detector;
import dev.tether.core.rules.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * Detectors a policy defines: trade-secret markers, dictionaries, protected code, custom rules.
 *
 * <table>
 *   <caption>Detector ids and finding types</caption>
 *   <tr><th>policy key</th><th>detector id</th><th>type</th><th>family</th><th>severity</th></tr>
 *   <tr><td>markers</td><td>trade-secret-marker</td><td>confidential-marker</td>
 *       <td>trade-secret-markers</td><td>MEDIUM</td></tr>
 *   <tr><td>internalDomains</td><td>internal-domain</td><td>internal-hostname</td>
 *       <td>trade-secret-markers</td><td>MEDIUM</td></tr>
 *   <tr><td>packagePrefixes</td><td>internal-package-prefix</td><td>internal-package</td>
 *       <td>trade-secret-markers</td><td>MEDIUM</td></tr>
 *   <tr><td>codeNames</td><td>code-name</td><td>code-name</td>
 *       <td>trade-secret-markers</td><td>MEDIUM</td></tr>
 *   <tr><td>dictionaries[].name = n</td><td>dictionary-n</td><td>dictionary-n</td>
 *       <td>trade-secret-markers</td><td>MEDIUM</td></tr>
 *   <tr><td>protectedCode[].name = n</td><td>protected-code-n</td><td>protected-source</td>
 *       <td>protected-source-code</td><td>HIGH</td></tr>
 *   <tr><td>customRules[].id = r</td><td>custom-r</td><td>custom-r</td>
 *       <td>custom-rules</td><td>the rule's</td></tr>
 * </table>
 */
public final class TradeSecretDetectors {
  private static final String FAMILY = DetectorFamilies.TRADE_SECRET_MARKERS;

  private TradeSecretDetectors() {}

  /**
   * The detectors {@code policy} defines (none when it defines none). The section is validated
   * again here, so an unvalidated document can never produce a pattern that was not checked.
   *
   * @throws dev.tether.core.policy.PolicyValidationException if the section is invalid
   */
  public static List<Detector> forPolicy(PolicyDocument policy) {
    String key = "policy.tradeSecrets";
    TradeSecrets section = policy.tradeSecrets().validated(key);
    List<Detector> detectors = new ArrayList<>();
    if (!section.markers().isEmpty()) {
      detectors.add(
          new PhraseDetector(
              "trade-secret-marker",
              "confidential-marker",
              FAMILY,
              Severity.MEDIUM,
              0.9,
              section.markers(),
              false));
    }
    if (!section.internalDomains().isEmpty()) {
      detectors.add(new InternalDomainDetector(section.internalDomains()));
    }
    if (!section.packagePrefixes().isEmpty()) {
      detectors.add(
          new PhraseDetector(
              "internal-package-prefix",
              "internal-package",
              FAMILY,
              Severity.MEDIUM,
              0.9,
              section.packagePrefixes(),
              true));
    }
    if (!section.codeNames().isEmpty()) {
      detectors.add(
          new PhraseDetector(
              "code-name", "code-name", FAMILY, Severity.MEDIUM, 0.8, section.codeNames(), false));
    }
    for (Dictionary dictionary : section.dictionaries()) {
      String id = "dictionary-" + dictionary.name();
      detectors.add(
          new PhraseDetector(id, id, FAMILY, Severity.MEDIUM, 0.8, dictionary.words(), false));
    }
    if (!section.protectedCode().isEmpty()) {
      detectors.add(new ProtectedCodeDetector(section.protectedCode()));
    }
    List<CustomRule> rules = section.customRules();
    for (int i = 0; i < rules.size(); i++) {
      detectors.add(new CustomRuleDetector(rules.get(i), key + ".customRules[" + i + "].pattern"));
    }
    return List.copyOf(detectors);
  }
}
