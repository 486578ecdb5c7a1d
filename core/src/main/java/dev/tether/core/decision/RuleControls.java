package dev.tether.core.decision;

import dev.tether.core.audit.AuditLayer;
import dev.tether.core.policy.PolicyDocument;
import dev.tether.core.policy.ResponseMode;
import dev.tether.core.rules.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The pure parts of the agent's destination-rules and detector stages, shared with the console's
 * simulator: which control a blocked destination fires, and how rule findings become controls (one
 * RULE control per detector family, with the mode the policy assigns that family). Controls carry
 * detector ids and counts, never the matched text.
 */
public final class RuleControls {
  /** Most finding types counted per control. */
  static final int MAX_TYPES = 64;

  private RuleControls() {}

  /** The DESTINATION control when {@code host} is on the policy's blocked list. */
  public static Optional<Control> blockedDestination(PolicyDocument policy, String host) {
    if (!policy.isBlocked(host)) {
      return Optional.empty();
    }
    return Optional.of(
        Control.of(
            AuditLayer.DESTINATION,
            ResponseMode.BLOCK,
            "destination_blocked",
            "destination " + host + " is blocked by policy"));
  }

  /** One control per family of the request's own findings (redactable in place). */
  public static List<Control> fromFindings(PolicyDocument policy, List<Finding> findings) {
    return fromFindings(policy, findings, null);
  }

  /**
   * One control per detector family that found something.
   *
   * @param where {@code null} for findings in the request as sent (Redact can replace them);
   *     otherwise a short safe description of the decoded content they were found in (e.g. {@code
   *     attachment}): those controls are not redactable in place and say where in their reason
   */
  public static List<Control> fromFindings(
      PolicyDocument policy, List<Finding> findings, String where) {
    Map<String, List<Finding>> byFamily = new TreeMap<>();
    for (Finding finding : findings) {
      byFamily.computeIfAbsent(finding.family(), f -> new ArrayList<>()).add(finding);
    }
    List<Control> controls = new ArrayList<>(byFamily.size());
    for (Map.Entry<String, List<Finding>> entry : byFamily.entrySet()) {
      List<String> detectorIds =
          entry.getValue().stream().map(Finding::detectorId).distinct().sorted().toList();
      Control control =
          new Control(
              AuditLayer.RULE,
              policy.modeForFamily(entry.getKey()),
              codeFor(entry.getKey()),
              entry.getKey()
                  + " detected"
                  + (where == null ? "" : " in " + where)
                  + " ("
                  + String.join(", ", detectorIds)
                  + ")",
              detectorIds,
              entry.getValue().size(),
              typeCounts(entry.getValue()));
      controls.add(where == null ? control : control.notRedactable());
    }
    return controls;
  }

  /** Findings per finding type (bounded: types are detector-defined ids, at most 64 kept). */
  static Map<String, Integer> typeCounts(List<Finding> findings) {
    Map<String, Integer> counts = new TreeMap<>();
    for (Finding finding : findings) {
      if (counts.size() < MAX_TYPES || counts.containsKey(finding.type())) {
        counts.merge(finding.type(), 1, Integer::sum);
      }
    }
    return counts;
  }

  /** The stable code of a family's control. */
  public static String codeFor(String family) {
    return family.equals("cloud-credentials") || family.equals("private-keys")
        ? "credential_detected"
        : "sensitive_content_detected";
  }
}
