package dev.tether.agent.enforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.tether.agent.TestPolicies;
import dev.tether.agent.audit.AuditSpool;
import dev.tether.agent.pipeline.ContentScanner;
import dev.tether.agent.pipeline.DecisionPipeline;
import dev.tether.agent.pipeline.InspectedRequest;
import dev.tether.agent.pipeline.PipelineResult;
import dev.tether.agent.policy.ActivePolicy;
import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.AuditLayer;
import dev.tether.core.crypto.Digests;
import dev.tether.core.decision.Decision;
import dev.tether.core.policy.Provider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionServiceTest {
  @TempDir Path dir;

  @Test
  void decide_block_spoolsRuleAndPolicyEventsSharingDecisionIdWithoutPayload() throws Exception {
    ActivePolicy policy =
        TestPolicies.active(dir.resolve("state"), TestPolicies.document(List.of()));
    byte[] body = ("{\"k\":\"AKIA" + "Q3EGRJ5XWZT7NB2H\"}").getBytes(StandardCharsets.UTF_8);
    try (AuditSpool spool = AuditSpool.open(dir.resolve("spool"), dir.resolve("offset"), 1 << 20)) {
      PipelineResult result = service(spool, policy).decide(request(body));
      assertInstanceOf(Decision.Block.class, result.decision());
      List<AuditEvent> events = spool.nextBatch(10).events();
      assertEquals(
          List.of(AuditLayer.RULE, AuditLayer.POLICY),
          events.stream().map(AuditEvent::layer).toList());
      for (AuditEvent event : events) {
        assertEquals("11111111-1111-1111-1111-111111111111", event.decisionId());
        assertEquals(Digests.sha256(body), event.contentDigest());
        assertEquals(body.length, event.contentBytes());
        assertEquals("device-1", event.deviceId());
        assertEquals(1, event.policyVersion());
      }
      assertEquals(false, spoolText(dir.resolve("spool")).contains("AKIA"));
    }
  }

  @Test
  void decide_spoolUnwritable_blocksEvenAnAllow() throws Exception {
    ActivePolicy policy =
        TestPolicies.active(dir.resolve("state"), TestPolicies.document(List.of()));
    AuditSpool spool = AuditSpool.open(dir.resolve("spool"), dir.resolve("offset"), 1 << 20);
    spool.close();
    PipelineResult result =
        service(spool, policy).decide(request("clean".getBytes(StandardCharsets.UTF_8)));
    Decision.Block block = assertInstanceOf(Decision.Block.class, result.decision());
    assertEquals("audit_unavailable", block.code());
  }

  @Test
  void decide_recordsCarryTheRequestedModel_boundedSoAHugeNameCannotBlock() throws Exception {
    ActivePolicy policy =
        TestPolicies.active(dir.resolve("state"), TestPolicies.document(List.of()));
    String huge = "m".repeat(5000);
    for (String model : List.of("gpt-4o", huge)) {
      try (AuditSpool spool =
          AuditSpool.open(dir.resolve("spool-" + model.length()), dir.resolve("o"), 1 << 20)) {
        InspectedRequest base = request("clean".getBytes(StandardCharsets.UTF_8));
        InspectedRequest request =
            new InspectedRequest(
                base.decisionId(),
                base.host(),
                base.provider(),
                base.method(),
                base.path(),
                null,
                base.body(),
                false,
                new dev.tether.agent.provider.ApiCall(
                    dev.tether.agent.provider.ApiFamily.UNKNOWN,
                    "chat",
                    model,
                    List.of(),
                    List.of(),
                    List.of(),
                    true,
                    false));
        PipelineResult result = service(spool, policy).decide(request);
        assertEquals(false, "audit_unavailable".equals(result.decision().code()));
        for (AuditEvent event : spool.nextBatch(10).events()) {
          assertEquals(model.substring(0, Math.min(255, model.length())), event.model());
        }
      }
    }
  }

  /** Every byte the spool wrote (all segment files), as text. */
  static String spoolText(java.nio.file.Path spoolDir) throws java.io.IOException {
    StringBuilder text = new StringBuilder();
    try (var files = java.nio.file.Files.list(spoolDir)) {
      for (java.nio.file.Path file : files.toList()) {
        text.append(new String(java.nio.file.Files.readAllBytes(file), StandardCharsets.UTF_8));
      }
    }
    return text.toString();
  }

  static DecisionService service(AuditSpool spool, ActivePolicy policy) {
    return new DecisionService(
        DecisionPipeline.standard(ContentScanner.standard(), 1 << 20),
        () -> policy,
        spool,
        new DecisionService.AuditContext("device-1", "alice"),
        Clock.systemUTC());
  }

  static InspectedRequest request(byte[] body) {
    return new InspectedRequest(
        "11111111-1111-1111-1111-111111111111",
        "localhost",
        Provider.OPENAI,
        "POST",
        "/v1/chat/completions",
        null,
        body,
        false);
  }
}
