package dev.tether.agent.pipeline;

import dev.tether.agent.policy.ActivePolicy;
import dev.tether.core.audit.AuditLayer;
import dev.tether.core.policy.PolicyDocument;
import dev.tether.core.policy.ResponseMode;
import dev.tether.core.rules.Finding;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stage 3: runs the deterministic detectors of the active policy ({@link ContentScanner#forPolicy}:
 * built-in plus policy-defined, one engine per policy) over the decoded body (UTF-8 text; the
 * engine also scans what JSON escapes, percent-encoding and base64 hide in it) and fires one RULE
 * control per detector family that found something, with the mode the policy assigns that family.
 * Controls carry detector ids and counts, never the matched text. A body that cannot be decoded or
 * is too large is blocked; an exception blocks the request (pipeline rule).
 */
public final class DetectorStage implements Stage {
  public static final String NAME = "detectors";

  /** Most finding types kept per control (the audit record holds at most 64). */
  private static final int MAX_TYPES = 64;

  private final ContentScanner scanner;
  private final int maxDecodedBytes;

  public DetectorStage(ContentScanner scanner, int maxDecodedBytes) {
    this.scanner = scanner;
    this.maxDecodedBytes = maxDecodedBytes;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void apply(InspectedRequest request, Evaluation evaluation) throws Exception {
    if (request.bodyTooLarge()) {
      blockUninspectable(evaluation, "body_too_large", "request body exceeds the inspection limit");
      return;
    }
    byte[] decoded;
    try {
      decoded = BodyDecoder.decode(request.body(), request.contentEncoding(), maxDecodedBytes);
    } catch (BodyDecoder.UninspectableBodyException e) {
      blockUninspectable(evaluation, e.code(), e.getMessage());
      return;
    }
    if (decoded.length == 0) {
      return;
    }
    CharSequence text = utf8(decoded);
    if (text.length() > scanner.maxChars()) {
      blockUninspectable(evaluation, "body_too_large", "request body exceeds the inspection limit");
      return;
    }
    ActivePolicy active = evaluation.requirePolicy();
    List<Finding> findings = scanner.forPolicy(active).scan(text);
    PolicyDocument policy = active.document();
    Map<String, List<Finding>> byFamily = new TreeMap<>();
    for (Finding finding : findings) {
      byFamily.computeIfAbsent(finding.family(), f -> new ArrayList<>()).add(finding);
    }
    for (Map.Entry<String, List<Finding>> entry : byFamily.entrySet()) {
      List<String> detectorIds =
          entry.getValue().stream().map(Finding::detectorId).distinct().sorted().toList();
      evaluation.fire(
          new Control(
              AuditLayer.RULE,
              policy.modeForFamily(entry.getKey()),
              codeFor(entry.getKey()),
              entry.getKey() + " detected (" + String.join(", ", detectorIds) + ")",
              detectorIds,
              entry.getValue().size(),
              typeCounts(entry.getValue())));
    }
  }

  /** Findings per finding type (bounded: types are detector-defined ids, at most 64 kept). */
  private static Map<String, Integer> typeCounts(List<Finding> findings) {
    Map<String, Integer> counts = new TreeMap<>();
    for (Finding finding : findings) {
      if (counts.size() < MAX_TYPES || counts.containsKey(finding.type())) {
        counts.merge(finding.type(), 1, Integer::sum);
      }
    }
    return counts;
  }

  private static void blockUninspectable(Evaluation evaluation, String code, String reason) {
    evaluation.fire(Control.of(AuditLayer.RULE, ResponseMode.BLOCK, code, reason));
    evaluation.halt();
  }

  private static String codeFor(String family) {
    return family.equals("cloud-credentials") || family.equals("private-keys")
        ? "credential_detected"
        : "sensitive_content_detected";
  }

  /** Strict UTF-8; invalid bytes are replaced so binary smuggling cannot skip scanning. */
  private static CharSequence utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
    } catch (CharacterCodingException e) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }
}
