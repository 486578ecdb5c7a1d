package dev.tether.agent.enforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.agent.TestPolicies;
import dev.tether.agent.audit.AuditSpool;
import dev.tether.agent.pipeline.ContentScanner;
import dev.tether.agent.pipeline.DecisionPipeline;
import dev.tether.agent.pipeline.InspectedRequest;
import dev.tether.agent.policy.ActivePolicy;
import dev.tether.core.audit.AuditEvent;
import dev.tether.core.json.JsonCodec;
import dev.tether.core.policy.AiDestination;
import dev.tether.core.policy.PolicyDocument;
import dev.tether.core.policy.Provider;
import dev.tether.core.policy.ResponseMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandardModesTest {
  static final String KEY = "AKIA" + "Q3EGRJ5XWZT7NB2H";
  static final String BODY =
      "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"deploy with key "
          + KEY
          + " please\"}]}";

  @TempDir Path dir;
  AuditSpool spool;
  final MutableClock clock = new MutableClock();
  final CoachLedger coach = new CoachLedger();
  final ApprovalLedger approvals = new ApprovalLedger();
  final RecentDecisions recent = new RecentDecisions();
  final List<String> notifications = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    if (spool != null) {
      spool.close();
    }
  }

  Enforcer enforcer(ResponseMode credentialMode) throws Exception {
    PolicyDocument doc =
        new PolicyDocument(
            "Modes",
            List.of(new AiDestination("localhost", Provider.OPENAI)),
            List.of(),
            Map.of("cloud-credentials", credentialMode),
            ResponseMode.ALLOW,
            "P1D");
    ActivePolicy policy = TestPolicies.active(dir.resolve("state"), doc);
    spool = AuditSpool.open(dir.resolve("spool"), dir.resolve("offset"), 1 << 20);
    DecisionService service =
        new DecisionService(
            DecisionPipeline.standard(ContentScanner.standard(), 1 << 20),
            () -> policy,
            spool,
            new DecisionService.AuditContext("device-1", "alice"),
            clock);
    return new Enforcer(
        service,
        new StandardModes(
            () -> policy,
            ContentScanner.standard(),
            1 << 20,
            coach,
            approvals,
            recent,
            (t, m) -> notifications.add(m),
            () -> "http://127.0.0.1:3129",
            clock));
  }

  static InspectedRequest request(String body) {
    return new InspectedRequest(
        AuditEvent.newId(),
        "localhost",
        Provider.OPENAI,
        "POST",
        "/v1/chat/completions",
        null,
        body.getBytes(StandardCharsets.UTF_8),
        false);
  }

  /**
   * Every audited record, read back through the spool's own reader (as the uploader reads it), each
   * as its JSON encoding. Fails if the spool reports anything corrupt, torn or chain-broken.
   */
  String spooled() throws Exception {
    AuditSpool.Batch batch = spool.nextBatch(Integer.MAX_VALUE, Integer.MAX_VALUE);
    assertEquals(batch.records(), batch.events().size(), "every spooled record decodes");
    assertEquals(batch.events().size(), spool.backlog(), "the read covers the whole backlog");
    var status = spool.status();
    assertEquals(0, status.corruptRecords() + status.tornRecords() + status.chainBreaks());
    StringBuilder all = new StringBuilder();
    for (AuditEvent event : batch.events()) {
      all.append(new String(JsonCodec.write(event), StandardCharsets.UTF_8)).append('\n');
    }
    return all.toString();
  }

  @Test
  void warn_forwardsNotifiesAndListsOnStatusPage() throws Exception {
    Enforcer e = enforcer(ResponseMode.WARN);
    InspectedRequest r = request(BODY);
    assertInstanceOf(Enforcement.Forward.class, e.enforce(r));
    assertEquals(1, notifications.size());
    assertFalse(notifications.get(0).contains(KEY), "notification carries no payload");
    assertEquals(ResponseMode.WARN, recent.find(r.decisionId()).orElseThrow().mode());
  }

  @Test
  void coach_heldThenAcknowledgedRetryForwardsAndAuditsJustification() throws Exception {
    Enforcer e = enforcer(ResponseMode.COACH);
    InspectedRequest first = request(BODY);
    Enforcement.Answer held = assertInstanceOf(Enforcement.Answer.class, e.enforce(first));
    String message = new String(held.body(), StandardCharsets.UTF_8);
    assertEquals(403, held.status());
    assertTrue(message.contains("http://127.0.0.1:3129/decisions/" + first.decisionId()), message);
    assertInstanceOf(Enforcement.Answer.class, e.enforce(request(BODY)), "not yet acknowledged");

    coach.acknowledge(first.decisionId(), "test fixture key, revoked", clock.instant());
    assertInstanceOf(Enforcement.Forward.class, e.enforce(request(BODY)));
    assertTrue(spooled().contains("justification: test fixture key, revoked"));
    assertInstanceOf(
        Enforcement.Answer.class, e.enforce(request(BODY.replace("please", "now"))), "other body");

    clock.advance(Duration.ofHours(2));
    assertInstanceOf(Enforcement.Answer.class, e.enforce(request(BODY)), "window over");
  }

  @Test
  void request_filedOnceThenApprovedRetryForwardsUntilExpiry() throws Exception {
    Enforcer e = enforcer(ResponseMode.REQUEST);
    InspectedRequest first = request(BODY);
    Enforcement.Answer held = assertInstanceOf(Enforcement.Answer.class, e.enforce(first));
    assertTrue(new String(held.body(), StandardCharsets.UTF_8).contains("approval_required"));
    Enforcement.Answer again = assertInstanceOf(Enforcement.Answer.class, e.enforce(request(BODY)));
    assertTrue(new String(again.body(), StandardCharsets.UTF_8).contains("approval_pending"));
    assertEquals(1, approvals.unsent().size(), "filed once");

    approvals.update(
        first.decisionId(),
        ApprovalLedger.State.APPROVED,
        clock.instant().plus(Duration.ofHours(1)),
        "ok for the demo");
    assertInstanceOf(Enforcement.Forward.class, e.enforce(request(BODY)));
    assertTrue(spooled().contains("approved (request " + first.decisionId()));
    clock.advance(Duration.ofHours(2));
    assertInstanceOf(Enforcement.Answer.class, e.enforce(request(BODY)));
  }

  @Test
  void request_denied_staysBlockedAndFilesAnew() throws Exception {
    Enforcer e = enforcer(ResponseMode.REQUEST);
    InspectedRequest first = request(BODY);
    e.enforce(first);
    approvals.update(first.decisionId(), ApprovalLedger.State.DENIED, null, "no");
    assertInstanceOf(Enforcement.Answer.class, e.enforce(request(BODY)));
  }

  @Test
  void redact_replacesKeyForwardsAndRestoresInResponse() throws Exception {
    Enforcer e = enforcer(ResponseMode.REDACT);
    Enforcement.Forward f = assertInstanceOf(Enforcement.Forward.class, e.enforce(request(BODY)));
    String sent = new String(f.replacementBody(), StandardCharsets.UTF_8);
    assertFalse(sent.contains(KEY), sent);
    assertTrue(sent.contains("[AWS_ACCESS_KEY_1]"), sent);
    byte[] back =
        f.responseRewriter()
            .rewrite("{\"content\":\"key [AWS_ACCESS_KEY_1]\"}".getBytes(StandardCharsets.UTF_8));
    assertEquals(
        "{\"content\":\"key " + KEY + "\"}",
        new String(back, StandardCharsets.UTF_8)
            + new String(f.responseRewriter().finish(), StandardCharsets.UTF_8));
    assertFalse(spooled().contains(KEY), "audit names placeholders only");
  }

  @Test
  void redact_unsupportedContentEncoding_blocks() throws Exception {
    Enforcer e = enforcer(ResponseMode.REDACT);
    InspectedRequest r =
        new InspectedRequest(
            AuditEvent.newId(),
            "localhost",
            Provider.OPENAI,
            "POST",
            "/v1/chat/completions",
            "br",
            BODY.getBytes(StandardCharsets.UTF_8),
            false);
    assertInstanceOf(Enforcement.Answer.class, e.enforce(r));
  }

  @Test
  void watermark_marksPromptAndAuditsFingerprint() throws Exception {
    Enforcer e = enforcer(ResponseMode.WATERMARK);
    InspectedRequest r = request(BODY);
    Enforcement.Forward f = assertInstanceOf(Enforcement.Forward.class, e.enforce(r));
    String sent = new String(f.replacementBody(), StandardCharsets.UTF_8);
    assertEquals(List.of(r.decisionId()), WatermarkCodec.decode(sent));
    assertTrue(spooled().contains("fingerprint simhash64:"));
  }

  static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-11-26T12:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
