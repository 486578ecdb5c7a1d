package dev.tether.agent.fleet;

import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.AuditLayer;
import dev.tether.core.policy.ResponseMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Makes the audit records of one simulated decision the way the agent's {@code AuditRecords} does:
 * one record per control that fired (a JUDGE record for most requests, a RULE record with detector
 * ids and finding types for some), then the POLICY record of the applied mode, all sharing the
 * decision id, trace id, destination, app, model, content digest and size. Values are drawn from
 * realistic distributions (prompt sizes log-normal around 3 KB, most decisions ALLOW); no payload
 * exists, so the digest is of random bytes.
 */
final class DecisionRecords {
  /** Share of decisions with a JUDGE record (the judge runs on most inspected prompts). */
  static final double JUDGE_SHARE = 0.9;

  /** Share of decisions where a detector fired (a RULE record). */
  static final double RULE_SHARE = 0.08;

  /** Mean records per decision: POLICY + JUDGE_SHARE + RULE_SHARE. */
  static final double RECORDS_PER_DECISION = 1 + JUDGE_SHARE + RULE_SHARE;

  private static final String[][] DESTINATIONS = {
    {"api.openai.com", "OPENAI", "gpt-4o"},
    {"api.openai.com", "OPENAI", "gpt-4o-mini"},
    {"api.anthropic.com", "ANTHROPIC", "claude-3-5-sonnet-latest"},
    {"api.githubcopilot.com", "GITHUB_COPILOT", "gpt-4o-copilot"},
    {"generativelanguage.googleapis.com", "GEMINI", "gemini-1.5-pro"},
    {"api2.cursor.sh", "CURSOR", "cursor-small"},
  };
  private static final String[] APPS = {"code", "idea", "python3", "node", "curl", "cursor"};
  private static final String[] LABELS = {
    "generic-code-assistance", "public-reference-lookup", "proprietary-code-disclosure"
  };
  private static final String[][] DETECTORS = {
    {"aws-access-key-id", "CLOUD_CREDENTIAL"},
    {"github-token", "SOURCE_CONTROL_TOKEN"},
    {"private-key-pem", "PRIVATE_KEY"},
    {"email-address", "PERSONAL_DATA"},
  };

  private DecisionRecords() {}

  /** The records of one decision on {@code device} at {@code now}, in the agent's order. */
  static List<AuditEvent> decision(
      SplittableRandom random, String deviceId, String osUser, long policyVersion, Instant now) {
    String[] destination = DESTINATIONS[random.nextInt(DESTINATIONS.length)];
    String app = APPS[random.nextInt(APPS.length)];
    String decisionId = AuditEvent.newId();
    String traceId = hex(random, 16);
    String digest = "sha256:" + hex(random, 32);
    long bytes = Math.max(64, Math.round(Math.exp(8.0 + 1.0 * random.nextGaussian())));
    List<AuditEvent> events = new ArrayList<>(3);
    ResponseMode applied = ResponseMode.ALLOW;
    String appliedReason = "default mode ALLOW: no control asked for more";
    if (random.nextDouble() < RULE_SHARE) {
      String[] detector = DETECTORS[random.nextInt(DETECTORS.length)];
      int findings = 1 + random.nextInt(3);
      applied = detector[1].equals("PERSONAL_DATA") ? ResponseMode.REDACT : ResponseMode.BLOCK;
      appliedReason =
          "detector " + detector[0] + " fired (" + findings + " finding(s)): " + applied;
      events.add(
          base(decisionId, now, deviceId, osUser, AuditLayer.RULE, applied, appliedReason)
              .fields(destination, policyVersion, List.of(detector[0]), findings, digest, bytes)
              .build(app, destination[2], traceId)
              .withFindingTypes(Map.of(detector[1], findings)));
    }
    if (random.nextDouble() < JUDGE_SHARE) {
      String label = LABELS[random.nextInt(LABELS.length)];
      double confidence = 0.6 + 0.4 * random.nextDouble();
      ResponseMode judged =
          label.equals("proprietary-code-disclosure") ? ResponseMode.COACH : ResponseMode.ALLOW;
      String reason =
          String.format(
              Locale.ROOT,
              "judge label=%s confidence=%.3f local=%s@%.3f model=minilm-intent-v1",
              label,
              confidence,
              label,
              confidence);
      events.add(
          base(decisionId, now, deviceId, osUser, AuditLayer.JUDGE, judged, reason)
              .fields(destination, policyVersion, List.of(), 0, digest, bytes)
              .build(app, destination[2], traceId)
              .withJudgement(label, confidence, false));
      if (applied == ResponseMode.ALLOW && judged != ResponseMode.ALLOW) {
        applied = judged;
        appliedReason = "judge: " + label + " -> " + judged;
      }
    }
    events.add(
        base(decisionId, now, deviceId, osUser, AuditLayer.POLICY, applied, appliedReason)
            .fields(destination, policyVersion, List.of(), 0, digest, bytes)
            .build(app, destination[2], traceId));
    return events;
  }

  private static Builder base(
      String decisionId,
      Instant now,
      String deviceId,
      String osUser,
      AuditLayer layer,
      ResponseMode mode,
      String reason) {
    return new Builder(decisionId, now, deviceId, osUser, layer, mode, reason);
  }

  private static String hex(SplittableRandom random, int bytes) {
    byte[] b = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      b[i] = (byte) random.nextInt(256);
    }
    return HexFormat.of().formatHex(b);
  }

  /** The common fields, then the destination fields, then the request context. */
  private record Builder(
      String decisionId,
      Instant now,
      String deviceId,
      String osUser,
      AuditLayer layer,
      ResponseMode mode,
      String reason,
      String[] destination,
      long policyVersion,
      List<String> detectors,
      int findings,
      String digest,
      long bytes) {
    Builder(
        String decisionId,
        Instant now,
        String deviceId,
        String osUser,
        AuditLayer layer,
        ResponseMode mode,
        String reason) {
      this(decisionId, now, deviceId, osUser, layer, mode, reason, null, 0, List.of(), 0, null, 0);
    }

    Builder fields(
        String[] destination,
        long policyVersion,
        List<String> detectors,
        int findings,
        String digest,
        long bytes) {
      return new Builder(
          decisionId,
          now,
          deviceId,
          osUser,
          layer,
          mode,
          reason,
          destination,
          policyVersion,
          detectors,
          findings,
          digest,
          bytes);
    }

    AuditEvent build(String app, String model, String traceId) {
      return new AuditEvent(
              AuditEvent.newId(),
              decisionId,
              now,
              deviceId,
              osUser,
              layer,
              mode,
              reason,
              destination[0],
              destination[1],
              policyVersion,
              detectors,
              findings,
              digest,
              bytes)
          .withContext(app, osUser + "@example.com", model, traceId);
    }
  }
}
