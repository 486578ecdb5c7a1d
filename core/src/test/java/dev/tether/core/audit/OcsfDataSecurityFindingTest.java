package dev.tether.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tether.core.policy.ResponseMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OcsfDataSecurityFindingTest {
  static AuditEvent event(ResponseMode mode) {
    return new AuditEvent(
            AuditEvent.newId(),
            AuditEvent.newId(),
            Instant.parse("2026-03-01T10:00:00.123Z"),
            "dev-1",
            "alice",
            AuditLayer.RULE,
            mode,
            "aws key",
            "api.openai.com",
            "OPENAI",
            7,
            List.of("aws-access-key"),
            2,
            "sha256:ab",
            1234)
        .withContext(
            "/usr/bin/curl", "alice@example.com", "gpt-4o", "0af7651916cd43dd8448eb211c80319c")
        .withFindingTypes(Map.of("credential", 2));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "BLOCK, 2, 2, true",
    "ALLOW, 1, 1, false",
    "REDACT, 4, 11, false",
    "WARN, 3, 19, false",
  })
  void of_mapsModeToSecurityControlOutcome(
      ResponseMode mode, int action, int disposition, boolean alert) throws Exception {
    AuditEvent event = event(mode);
    JsonNode json = new ObjectMapper().readTree(OcsfDataSecurityFinding.json(event));
    assertEquals(2006, json.get("class_uid").asInt());
    assertEquals(200601, json.get("type_uid").asInt());
    assertEquals(action, json.get("action_id").asInt());
    assertEquals(disposition, json.get("disposition_id").asInt());
    assertEquals(alert, json.get("is_alert").asBoolean());
    assertEquals("security_control", json.at("/metadata/profiles/0").asText());
    assertEquals(event.decisionId(), json.at("/metadata/correlation_uid").asText());
    assertEquals(event.occurredAt().toEpochMilli(), json.get("time").asLong());
    assertEquals("dev-1", json.at("/device/uid").asText());
    assertEquals("/usr/bin/curl", json.at("/actor/process/name").asText());
    assertEquals("api.openai.com", json.at("/dst_endpoint/hostname").asText());
    assertEquals("aws-access-key", json.at("/data_security/detection_pattern").asText());
    assertEquals("gpt-4o", json.at("/unmapped/model").asText());
    assertEquals("0af7651916cd43dd8448eb211c80319c", json.at("/unmapped/trace_id").asText());
    assertEquals(2, json.at("/unmapped/finding_types/credential").asInt());
    assertFalse(OcsfDataSecurityFinding.json(event).contains("\"body\""));
  }
}
