package dev.tether.agent.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.tether.agent.TestPolicies;
import dev.tether.agent.policy.ActivePolicy;
import dev.tether.agent.server.ServerClient;
import dev.tether.core.api.AgentApi;
import dev.tether.core.audit.AuditLayer;
import dev.tether.core.crypto.SecretBytes;
import dev.tether.core.decision.Control;
import dev.tether.core.decision.Decision;
import dev.tether.core.policy.JudgeSettings;
import dev.tether.core.policy.ResponseMode;
import dev.tether.core.rules.RuleEngine;
import dev.tether.models.IntentLabel;
import dev.tether.models.judge.JudgeInput;
import dev.tether.models.judge.Judgement;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Escalation to the cloud judge over real HTTP on loopback. The local judge here is a fixed-verdict
 * stand-in so each case controls "sure" versus "unsure"; rule scanning and redaction are the real
 * ones.
 */
class EscalationStageTest {
  // Fake but format-valid values the rule layer detects (asserted in the test).
  static final String AWS_KEY = "AKIA" + "Q3EGRJ5XWZT7NB2H";
  static final String EMAIL = "jane.doe@acme-corp.com";
  static final String SSN = "536-22-8745";
  static final String CARD = "4539 1488 0343 6467";
  static final String PASSWORD = "Tr0ub4dor&3xyz";
  static final List<String> RAW = List.of(AWS_KEY, EMAIL, SSN, CARD, PASSWORD);
  static final String PROMPT =
      "why does this fail? aws_access_key_id="
          + AWS_KEY
          + " customer Jane Doe, email "
          + EMAIL
          + ", SSN "
          + SSN
          + ", card "
          + CARD
          + " exp 09/27, db password="
          + PASSWORD;

  @TempDir Path dir;
  HttpServer server;
  final List<byte[]> captured = new CopyOnWriteArrayList<>();
  final List<String> authorizations = new CopyOnWriteArrayList<>();
  volatile int status = 200;
  volatile String answer =
      "{\"label\":\"regulated-data-exposure\",\"confidence\":0.97,"
          + "\"scores\":{\"regulated-data-exposure\":0.97},\"model\":\"cloud-bge@3\"}";
  volatile long delayMillis;

  @BeforeEach
  void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        AgentApi.JUDGE,
        exchange -> {
          captured.add(exchange.getRequestBody().readAllBytes());
          authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
          try {
            Thread.sleep(delayMillis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          byte[] body = answer.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  /** A local judge that always answers {@code label} with {@code confidence}. */
  static final class FixedJudge implements LocalJudge {
    final IntentLabel label;
    final double confidence;
    final List<JudgeInput> seen = new CopyOnWriteArrayList<>();

    FixedJudge(IntentLabel label, double confidence) {
      this.label = label;
      this.confidence = confidence;
    }

    @Override
    public Judgement judge(JudgeInput input) {
      seen.add(input);
      Map<IntentLabel, Double> scores = new EnumMap<>(IntentLabel.class);
      double rest = (1 - confidence) / (IntentLabel.values().length - 1);
      for (IntentLabel l : IntentLabel.values()) {
        scores.put(l, l == label ? confidence : rest);
      }
      return new Judgement(label, confidence, scores, "fixed@1", 1);
    }
  }

  PipelineResult decide(JudgeSettings settings, LocalJudge judge, CloudJudge cloud, String prompt)
      throws Exception {
    ActivePolicy policy =
        TestPolicies.active(dir, TestPolicies.document(List.of()).withJudge(settings));
    DecisionPipeline pipeline =
        DecisionPipeline.standard(
            ContentScanner.standard(),
            1 << 20,
            judge,
            cloud,
            new AttemptHistory(Clock.systemUTC()));
    String json =
        "{\"messages\":[{\"role\":\"user\",\"content\":"
            + com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .build()
                .writeValueAsString(prompt)
            + "}]}";
    return pipeline.decide(
        DecisionPipelineTest.request("localhost", DecisionPipelineTest.body(json), null), policy);
  }

  CloudJudge client() {
    ServerClient client =
        ServerClient.authenticated(
            "http://127.0.0.1:" + server.getAddress().getPort(),
            SecretBytes.copyOf("device-credential".getBytes(StandardCharsets.UTF_8)));
    return client::judge;
  }

  static JudgeSettings settings(Boolean airGap, Integer timeoutMillis, ResponseMode failSafe) {
    // Credentials and regulated data would block at the rule layer first; WARN lets the request
    // reach the judge so escalation is exercised with a payload full of findings.
    return new JudgeSettings(null, null, 0.6, null, timeoutMillis, failSafe, airGap);
  }

  static Control judgeControl(PipelineResult result) {
    List<Control> judge =
        result.controls().stream().filter(c -> c.layer() == AuditLayer.JUDGE).toList();
    assertEquals(1, judge.size(), result.controls().toString());
    return judge.get(0);
  }

  @Test
  void escalation_onTheWire_carriesNoRawSecretOrPersonalDatum() throws Exception {
    // Premise: the rule layer detects every planted value, so each must be redacted.
    var found =
        RuleEngine.standard().scan(PROMPT).stream()
            .map(f -> PROMPT.substring(f.start(), f.end()))
            .toList();
    assertTrue(found.containsAll(RAW), "rule layer finds " + found);
    FixedJudge judge = new FixedJudge(IntentLabel.GENERIC_CODE_ASSISTANCE, 0.40);
    ActivePolicy warnOnly =
        TestPolicies.active(
            dir,
            new dev.tether.core.policy.PolicyDocument(
                    "warn rules",
                    List.of(
                        new dev.tether.core.policy.AiDestination(
                            "localhost", dev.tether.core.policy.Provider.OPENAI)),
                    List.of(),
                    Map.of(
                        "cloud-credentials", ResponseMode.WARN,
                        "generic-secrets", ResponseMode.WARN,
                        "payment-cards", ResponseMode.WARN,
                        "government-ids", ResponseMode.WARN,
                        "contact-details", ResponseMode.WARN,
                        "personal-data", ResponseMode.WARN),
                    ResponseMode.ALLOW,
                    "P1D")
                .withJudge(
                    new JudgeSettings(
                        null,
                        Map.of("regulated-data-exposure", ResponseMode.BLOCK),
                        0.6,
                        null,
                        null,
                        null,
                        null)));
    DecisionPipeline pipeline =
        DecisionPipeline.standard(
            ContentScanner.standard(),
            1 << 20,
            judge,
            client(),
            new AttemptHistory(Clock.systemUTC()));
    String json =
        "{\"messages\":[{\"role\":\"user\",\"content\":"
            + com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .build()
                .writeValueAsString(PROMPT)
            + "}]}";
    PipelineResult result =
        pipeline.decide(
            DecisionPipelineTest.request("localhost", DecisionPipelineTest.body(json), null),
            warnOnly);

    assertEquals(1, captured.size(), "one escalation request on the wire");
    String wire = new String(captured.get(0), StandardCharsets.UTF_8);
    for (String raw : RAW) {
      assertFalse(wire.contains(raw), "raw value on the wire: " + wire);
      assertFalse(judge.seen.get(0).redactedText().contains(raw), "raw value seen by the judge");
    }
    assertFalse(wire.contains("4539"), wire);
    assertTrue(wire.contains("[AWS_ACCESS_KEY_1]"), wire);
    assertTrue(wire.contains("[US_SSN_1]"), wire);
    assertTrue(wire.contains("[PAYMENT_CARD_1]"), wire);
    assertTrue(wire.contains("\"localLabel\":\"generic-code-assistance\""), wire);
    assertEquals("Bearer device-credential", authorizations.get(0));

    Control control = judgeControl(result);
    assertEquals(ResponseMode.BLOCK, control.mode()); // regulated-data-exposure -> BLOCK
    assertEquals("regulated-data-exposure", control.code());
    assertTrue(control.reason().contains("escalated=true"), control.reason());
    assertTrue(control.reason().contains("cloud=regulated-data-exposure@0.970"), control.reason());
    assertTrue(control.reason().contains("cloudModel=cloud-bge@3"), control.reason());
    for (String raw : RAW) {
      assertFalse(control.reason().contains(raw));
    }
    assertInstanceOf(Decision.Block.class, result.decision());
  }

  @Test
  void airGap_noConnectionIsOpened_failSafeApplies() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      ServerClient client =
          ServerClient.authenticated(
              "http://127.0.0.1:" + listener.getLocalPort(),
              SecretBytes.copyOf("c".getBytes(StandardCharsets.UTF_8)));
      AtomicInteger asked = new AtomicInteger();
      CloudJudge cloud =
          (request, timeout) -> {
            asked.incrementAndGet();
            return client.judge(request, timeout);
          };
      PipelineResult result =
          decide(
              settings(true, null, null),
              new FixedJudge(IntentLabel.GENERIC_CODE_ASSISTANCE, 0.3),
              cloud,
              "refactor this loop");
      listener.setSoTimeout(300);
      assertThrows(SocketTimeoutException.class, listener::accept, "a connection was opened");
      assertEquals(0, asked.get());
      Control control = judgeControl(result);
      assertEquals("judge_fail_safe", control.code());
      assertEquals(ResponseMode.COACH, control.mode()); // stricter of ALLOW and COACH
      assertTrue(control.reason().contains("escalated=false cloud=air-gap"), control.reason());

      // Same setup without air-gap does connect: the check above can fail.
      decide(
          settings(false, 200, null),
          new FixedJudge(IntentLabel.GENERIC_CODE_ASSISTANCE, 0.3),
          cloud,
          "refactor this loop");
      listener.setSoTimeout(2000);
      listener.accept().close();
      assertEquals(1, asked.get());
    }
  }

  @Test
  void sureLocalJudgement_isNotEscalated() throws Exception {
    PipelineResult result =
        decide(
            settings(null, null, null),
            new FixedJudge(IntentLabel.PUBLIC_REFERENCE_LOOKUP, 0.95),
            client(),
            "what is a monad");
    assertTrue(captured.isEmpty());
    Control control = judgeControl(result);
    assertEquals("public-reference-lookup", control.code());
    assertEquals(ResponseMode.ALLOW, control.mode());
    assertTrue(control.reason().contains("confidence=0.950 escalated=false"), control.reason());
    assertInstanceOf(Decision.Allow.class, result.decision());
  }

  @Test
  void timeout_appliesFailSafe() throws Exception {
    delayMillis = 1000;
    PipelineResult result =
        decide(
            settings(null, 200, null),
            // Response confidence 0.3 + 2 x 0.117 (the other BLOCK labels) < 0.6: escalated.
            new FixedJudge(IntentLabel.POLICY_CIRCUMVENTION, 0.3),
            client(),
            "refactor this loop");
    Control control = judgeControl(result);
    assertEquals("judge_fail_safe", control.code());
    assertEquals(ResponseMode.BLOCK, control.mode()); // stricter of BLOCK and COACH
    assertTrue(control.reason().contains("escalated=true cloud=timeout"), control.reason());
  }

  @Test
  void serverError_appliesConfiguredFailSafe() throws Exception {
    status = 503;
    PipelineResult result =
        decide(
            settings(null, null, ResponseMode.WARN),
            new FixedJudge(IntentLabel.GENERIC_CODE_ASSISTANCE, 0.4),
            client(),
            "refactor this loop");
    Control control = judgeControl(result);
    assertEquals(ResponseMode.WARN, control.mode());
    assertTrue(control.reason().contains("cloud=error:ServerException"), control.reason());
  }

  @Test
  void cloudAnswersUnknownLabel_appliesFailSafe() throws Exception {
    answer = "{\"label\":\"chit-chat\",\"confidence\":0.9,\"model\":\"x@1\"}";
    PipelineResult result =
        decide(
            settings(null, null, null),
            new FixedJudge(IntentLabel.GENERIC_CODE_ASSISTANCE, 0.4),
            client(),
            "refactor this loop");
    Control control = judgeControl(result);
    assertEquals("judge_fail_safe", control.code());
    assertEquals(ResponseMode.COACH, control.mode());
  }

  @Test
  void unresolvedJudgement_blocks() throws Exception {
    ActivePolicy policy =
        TestPolicies.active(
            dir, TestPolicies.document(List.of()).withJudge(settings(null, null, null)));
    DecisionPipeline withoutEscalation =
        new DecisionPipeline(
            List.of(
                new PolicyPresenceStage(),
                new JudgeStage(
                    ContentScanner.standard(),
                    new FixedJudge(IntentLabel.GENERIC_CODE_ASSISTANCE, 0.1),
                    new AttemptHistory(Clock.systemUTC()),
                    1 << 20)),
            new ModeMapping());
    PipelineResult result =
        withoutEscalation.decide(
            DecisionPipelineTest.request(
                "localhost", DecisionPipelineTest.body("refactor this loop"), null),
            policy);
    assertInstanceOf(Decision.Block.class, result.decision());
    assertEquals(AuditLayer.AGENT, result.controls().get(result.controls().size() - 1).layer());
  }
}
