package dev.tether.agent.enforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.agent.TestPolicies;
import dev.tether.agent.audit.AuditSpool;
import dev.tether.agent.pipeline.DecisionPipeline;
import dev.tether.agent.pipeline.InspectedRequest;
import dev.tether.agent.pipeline.ModeMapping;
import dev.tether.agent.policy.ActivePolicy;
import dev.tether.core.policy.Provider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnforcerTest {
  @TempDir Path dir;

  @Test
  void enforce_cleanRequest_forwardsUnchanged() throws Exception {
    ActivePolicy policy =
        TestPolicies.active(dir.resolve("state"), TestPolicies.document(List.of()));
    try (AuditSpool spool = AuditSpool.open(dir.resolve("spool"), dir.resolve("offset"), 1 << 20)) {
      Enforcement e =
          new Enforcer(DecisionServiceTest.service(spool, policy))
              .enforce(DecisionServiceTest.request("{\"q\":\"hi\"}".getBytes()));
      Enforcement.Forward forward = assertInstanceOf(Enforcement.Forward.class, e);
      assertNull(forward.replacementBody());
      assertEquals(ResponseRewriter.IDENTITY, forward.responseRewriter());
    }
  }

  @Test
  void enforce_credential_answersAnthropicShaped403WithoutValue() throws Exception {
    ActivePolicy policy =
        TestPolicies.active(dir.resolve("state"), TestPolicies.document(List.of()));
    byte[] body = ("{\"k\":\"AKIA" + "Q3EGRJ5XWZT7NB2H\"}").getBytes(StandardCharsets.UTF_8);
    try (AuditSpool spool = AuditSpool.open(dir.resolve("spool"), dir.resolve("offset"), 1 << 20)) {
      InspectedRequest request =
          new InspectedRequest(
              "11111111-1111-1111-1111-111111111111",
              "localhost",
              Provider.ANTHROPIC,
              "POST",
              "/v1/messages",
              null,
              body,
              false);
      Enforcement.Answer answer =
          assertInstanceOf(
              Enforcement.Answer.class,
              new Enforcer(DecisionServiceTest.service(spool, policy)).enforce(request));
      assertEquals(403, answer.status());
      String json = new String(answer.body(), StandardCharsets.UTF_8);
      assertTrue(json.contains("\"type\":\"permission_error\""), json);
      assertTrue(json.endsWith(",\"type\":\"error\"}"), json);
      assertTrue(json.contains("Blocked by Tether"), json);
      assertTrue(!json.contains("AKIA"), json);
      assertEquals(request.decisionId(), answer.headers().get(ProviderErrors.DECISION_HEADER));
    }
  }

  @Test
  void enforce_modeHandlerThrows_blocks() throws Exception {
    ActivePolicy policy =
        TestPolicies.active(dir.resolve("state"), TestPolicies.document(List.of()));
    try (AuditSpool spool = AuditSpool.open(dir.resolve("spool"), dir.resolve("offset"), 1 << 20)) {
      ModeHandlers broken =
          (r, res, d) -> {
            throw new IllegalStateException("boom");
          };
      Enforcement e =
          new Enforcer(DecisionServiceTest.service(spool, policy), broken)
              .enforce(DecisionServiceTest.request("{}".getBytes()));
      Enforcement.Answer answer = assertInstanceOf(Enforcement.Answer.class, e);
      assertEquals(403, answer.status());
      assertTrue(new String(answer.body(), StandardCharsets.UTF_8).contains("internal_error"));
    }
  }

  @Test
  void enforce_pipelineWithoutPolicy_blocks() throws Exception {
    try (AuditSpool spool = AuditSpool.open(dir.resolve("spool"), dir.resolve("offset"), 1 << 20)) {
      DecisionService service =
          new DecisionService(
              new DecisionPipeline(List.of(), new ModeMapping()),
              () -> null,
              spool,
              new DecisionService.AuditContext("device-1", "alice"),
              Clock.systemUTC());
      assertInstanceOf(
          Enforcement.Answer.class,
          new Enforcer(service).enforce(DecisionServiceTest.request("{}".getBytes())));
    }
  }

  @Test
  void overloaded_answers503() throws Exception {
    ActivePolicy policy =
        TestPolicies.active(dir.resolve("state"), TestPolicies.document(List.of()));
    try (AuditSpool spool = AuditSpool.open(dir.resolve("spool"), dir.resolve("offset"), 1 << 20)) {
      DecisionService service = DecisionServiceTest.service(spool, policy);
      Enforcement.Answer answer =
          new Enforcer(service).overloaded(DecisionServiceTest.request("{}".getBytes()));
      assertEquals(503, answer.status());
      assertEquals(1, service.overloadRefusals());
    }
  }
}
