package dev.tether.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tether.core.json.JsonCodec;
import dev.tether.core.policy.ResponseMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditEventTest {
  static AuditEvent base() {
    return new AuditEvent(
        "6f1c2b4e-0000-4000-8000-000000000001",
        "6f1c2b4e-0000-4000-8000-000000000002",
        Instant.parse("2026-03-01T10:00:00.123456789Z"),
        "dev-1",
        "alice",
        AuditLayer.JUDGE,
        ResponseMode.WARN,
        "judge unsure",
        "api.anthropic.com",
        "ANTHROPIC",
        3,
        List.of(),
        0,
        "sha256:00",
        10);
  }

  @Test
  void json_fullRecord_roundTrips() {
    AuditEvent event =
        base()
            .withContext("code", "alice@example.com", "claude", "0af7651916cd43dd8448eb211c80319c")
            .withJudgement("source_code", 0.62, true)
            .withFindingTypes(Map.of("b", 1, "a", 2))
            .withRedactedExcerpts(List.of("key=[REDACTED]"));
    assertEquals(event, JsonCodec.read(JsonCodec.write(event), AuditEvent.class));
  }

  @Test
  void json_recordWithoutNewFields_stillReads() {
    String old =
        "{\"contentBytes\":10,\"contentDigest\":\"sha256:00\",\"decisionId\":"
            + "\"6f1c2b4e-0000-4000-8000-000000000002\",\"destinationHost\":\"api.anthropic.com\","
            + "\"detectorIds\":[],\"deviceId\":\"dev-1\",\"eventId\":"
            + "\"6f1c2b4e-0000-4000-8000-000000000001\",\"findingCount\":0,\"layer\":\"JUDGE\","
            + "\"mode\":\"WARN\",\"occurredAt\":\"2026-03-01T10:00:00.123456789Z\",\"osUser\":"
            + "\"alice\",\"policyVersion\":3,\"provider\":\"ANTHROPIC\",\"reason\":\"judge unsure\"}";
    assertEquals(base(), JsonCodec.read(old.getBytes(StandardCharsets.UTF_8), AuditEvent.class));
  }

  @Test
  void validation_rejectsBadTraceIdConfidenceAndTooManyExcerpts() {
    assertThrows(IllegalArgumentException.class, () -> base().withContext(null, null, null, "XYZ"));
    assertThrows(IllegalArgumentException.class, () -> base().withJudgement("x", 1.5, false));
    assertThrows(
        IllegalArgumentException.class,
        () -> base().withRedactedExcerpts(java.util.Collections.nCopies(9, "x")));
    assertThrows(
        IllegalArgumentException.class, () -> base().withFindingTypes(Map.of("credential", -1)));
  }
}
