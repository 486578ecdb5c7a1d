package dev.tether.agent.enforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.tether.agent.TestPolicies;
import dev.tether.agent.audit.AuditSpool;
import dev.tether.agent.pipeline.ContentScanner;
import dev.tether.agent.pipeline.DecisionPipeline;
import dev.tether.agent.pipeline.InspectedRequest;
import dev.tether.agent.policy.ActivePolicy;
import dev.tether.core.policy.AiDestination;
import dev.tether.core.policy.PolicyDocument;
import dev.tether.core.policy.Provider;
import dev.tether.core.policy.ResponseMode;
import dev.tether.core.policy.ResponseSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A policy change after an acknowledgement or approval applies to it at use: a lowered window
 * shortens it, a policy that no longer coaches/requests never consults it. Persisted ledgers, so
 * this also holds for entries loaded after a restart.
 */
class ModesPolicyChangeTest {
  static final String BODY =
      "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"deploy with key AKIA"
          + "Q3EGRJ5XWZT7NB2H please\"}]}";

  @TempDir Path dir;
  AuditSpool spool;
  final StandardModesTest.MutableClock clock = new StandardModesTest.MutableClock();
  final AtomicReference<ActivePolicy> policy = new AtomicReference<>();
  CoachLedger coach;
  ApprovalLedger approvals;

  @AfterEach
  void close() throws Exception {
    if (spool != null) {
      spool.close();
    }
  }

  ActivePolicy policy(ResponseMode mode, String coachWindow, String approvalWindow)
      throws Exception {
    PolicyDocument doc =
        new PolicyDocument(
                "Modes",
                List.of(new AiDestination("localhost", Provider.OPENAI)),
                List.of(),
                Map.of("cloud-credentials", mode),
                ResponseMode.ALLOW,
                "P1D")
            .withResponses(
                new ResponseSettings(List.of(), coachWindow, approvalWindow, null, null));
    return TestPolicies.active(dir.resolve("state-" + System.nanoTime()), doc);
  }

  Enforcer enforcer() throws Exception {
    LedgerKey key = LedgerKey.random();
    coach = CoachLedger.open(dir.resolve("coach.journal"), key, clock);
    approvals = ApprovalLedger.open(dir.resolve("approvals.journal"), key, clock);
    spool = AuditSpool.open(dir.resolve("spool"), dir.resolve("offset"), 1 << 20);
    return new Enforcer(
        new DecisionService(
            DecisionPipeline.standard(ContentScanner.standard(), 1 << 20),
            policy::get,
            spool,
            new DecisionService.AuditContext("device-1", "alice"),
            clock),
        new StandardModes(
            policy::get,
            ContentScanner.standard(),
            1 << 20,
            coach,
            approvals,
            new RecentDecisions(),
            Notifier.NONE,
            () -> "http://127.0.0.1:3129",
            clock));
  }

  static InspectedRequest request() {
    return StandardModesTest.request(BODY);
  }

  @Test
  void coach_loweredWindowShortensAcknowledgement_blockModeIgnoresIt() throws Exception {
    policy.set(policy(ResponseMode.COACH, "PT1H", null));
    Enforcer e = enforcer();
    InspectedRequest first = request();
    assertEquals(403, assertInstanceOf(Enforcement.Answer.class, e.enforce(first)).status());
    coach.acknowledge(first.decisionId(), "rotated key, safe to share", clock.instant());
    clock.advance(Duration.ofMinutes(20));
    assertInstanceOf(Enforcement.Forward.class, e.enforce(request()), "within the hour");

    policy.set(policy(ResponseMode.COACH, "PT10M", null));
    assertInstanceOf(Enforcement.Answer.class, e.enforce(request()), "20 min > lowered 10 min");

    policy.set(policy(ResponseMode.COACH, "PT1H", null));
    assertInstanceOf(Enforcement.Forward.class, e.enforce(request()), "window back: still valid");
    policy.set(policy(ResponseMode.BLOCK, "PT1H", null));
    assertInstanceOf(Enforcement.Answer.class, e.enforce(request()), "mode removed: blocked");
  }

  @Test
  void request_loweredApprovalWindowShortensGrant_blockModeIgnoresIt() throws Exception {
    policy.set(policy(ResponseMode.REQUEST, null, "PT8H"));
    Enforcer e = enforcer();
    InspectedRequest first = request();
    assertEquals(403, assertInstanceOf(Enforcement.Answer.class, e.enforce(first)).status());
    approvals.update(
        first.decisionId(),
        ApprovalLedger.State.APPROVED,
        clock.instant().plus(Duration.ofHours(8)),
        "ok",
        clock.instant());
    clock.advance(Duration.ofHours(2));
    assertInstanceOf(Enforcement.Forward.class, e.enforce(request()), "granted for 8 h");

    policy.set(policy(ResponseMode.REQUEST, null, "PT1H"));
    assertInstanceOf(Enforcement.Answer.class, e.enforce(request()), "2 h > lowered 1 h");
    policy.set(policy(ResponseMode.BLOCK, null, "PT8H"));
    assertInstanceOf(Enforcement.Answer.class, e.enforce(request()), "mode removed: blocked");
  }
}
