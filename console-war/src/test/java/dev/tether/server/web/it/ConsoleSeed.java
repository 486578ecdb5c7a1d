package dev.tether.server.web.it;

import static dev.tether.server.web.it.ServerFlows.expect;
import static dev.tether.server.web.it.ServerFlows.read;

import dev.tether.core.api.AgentApi;
import dev.tether.core.api.ApprovalFiling;
import dev.tether.core.api.AuditBatch;
import dev.tether.core.api.EnrollRequest;
import dev.tether.core.api.EnrollResponse;
import dev.tether.core.api.Heartbeat;
import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.AuditLayer;
import dev.tether.core.crypto.Ed25519KeyPair;
import dev.tether.core.policy.ResponseMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Fills a running server with a realistic tenant through the public APIs only: groups, a published
 * policy, enrolled devices in several states, decisions over the last days (rule, judge and final
 * records per decision) and pending approval requests. Deterministic for a given seed.
 */
public final class ConsoleSeed {
  /** What was created. */
  public record Seeded(
      String tenant,
      String group,
      List<ServerFlows.Device> devices,
      List<String> decisionIds,
      List<String> pendingRequestIds) {}

  private static final String[] APPS = {
    "/usr/bin/curl", "/opt/jetbrains/idea/bin/idea", "/usr/share/code/code", "/usr/bin/python3"
  };
  private static final String[][] HOSTS = {
    {"api.openai.com", "OPENAI"}, {"api.anthropic.com", "ANTHROPIC"},
    {"generativelanguage.googleapis.com", "GEMINI"}, {"api.githubcopilot.com", "GITHUB_COPILOT"}
  };
  private static final String[] DETECTORS = {
    "aws-access-key-id", "github-token", "private-key-pem", "payment-card-number", "email-address"
  };

  private final TetherHttp http;
  private final ServerFlows flows;
  private final Random random;

  public ConsoleSeed(TetherHttp http, long seed) {
    this.http = http;
    this.flows = new ServerFlows(http);
    this.random = new Random(seed);
  }

  /** Creates tenant {@code tenant} (name {@code name}) with groups engineering and contractors. */
  public Seeded seed(String tenant, String name, int days, int decisionsPerDay) {
    expect(201, http.admin("POST", ServerFlows.ADMIN, Map.of("id", tenant, "name", name)));
    String base = ServerFlows.ADMIN + "/" + tenant;
    expect(
        201,
        http.admin("POST", base + "/groups", Map.of("id", "engineering", "name", "Engineering")));
    expect(
        201,
        http.admin("POST", base + "/groups", Map.of("id", "contractors", "name", "Contractors")));
    ServerFlows.Scope scope = new ServerFlows.Scope(tenant, "engineering");
    expect(
        200,
        http.admin(
            "PUT",
            scope.groupPath() + "/policy/draft",
            Map.of(
                "name",
                "Engineering baseline",
                "aiDestinations",
                List.of(
                    Map.of("host", "api.openai.com", "provider", "OPENAI"),
                    Map.of("host", "api.anthropic.com", "provider", "ANTHROPIC")),
                "blockedHosts",
                List.of("api.deepseek.com"),
                "detectorModes",
                Map.of("personal-data", "REDACT"),
                "defaultMode",
                "ALLOW",
                "bundleLifetime",
                "P7D")));
    expect(
        201,
        http.admin(
            "POST", scope.groupPath() + "/policy/publish", Map.of("note", "initial baseline")));

    List<ServerFlows.Device> devices = new ArrayList<>();
    String[][] fleet = {
      {"dev-laptop-alice", "alice", "ENFORCING"},
      {"dev-laptop-bob", "bob", "ENFORCING"},
      {"build-agent-7", "ci", "GRACE"},
      {"dev-laptop-carol", "carol", null}
    };
    for (String[] d : fleet) {
      ServerFlows.Device device = enroll(scope, d[0], d[1]);
      devices.add(device);
      users.put(device.id(), d[1]);
      if (d[2] != null) {
        Heartbeat beat =
            "GRACE".equals(d[2])
                ? new Heartbeat("GRACE", 1, "0.9.3", 0, Instant.now().plusSeconds(40 * 3600))
                : new Heartbeat(d[2], 1, "1.0.0", 0);
        expect(200, http.agent("POST", AgentApi.HEARTBEAT, beat, device.credential(), Map.of()));
      }
    }

    List<String> decisions = new ArrayList<>();
    for (int d = 0; d < 3; d++) {
      ServerFlows.Device device = devices.get(d);
      String user = fleet[d][1];
      List<AuditEvent> events = new ArrayList<>();
      for (int day = days - 1; day >= 0; day--) {
        int n = Math.max(1, decisionsPerDay / 3 + random.nextInt(3) - 1);
        for (int i = 0; i < n; i++) {
          Instant at = Instant.now().minusSeconds(day * 86_400L + 60L + random.nextInt(3600 * 6));
          decisions.add(decision(events, device, user, at));
        }
      }
      expect(
          200,
          http.agent(
              "POST",
              AgentApi.AUDIT_EVENTS,
              new AuditBatch(events),
              device.credential(),
              Map.of()));
    }

    List<String> requests = new ArrayList<>();
    String[][] held = {
      {"alice", "api.openai.com", "proprietary-code-disclosure: payment service module"},
      {"bob", "api.anthropic.com", "internal-context-extraction: incident runbook"}
    };
    for (int i = 0; i < held.length; i++) {
      String id = UUID.randomUUID().toString();
      byte[] digest = new byte[32];
      random.nextBytes(digest);
      expect(
          200,
          http.agent(
              "POST",
              AgentApi.APPROVALS,
              new ApprovalFiling(
                  id,
                  "sha256:" + HexFormat.of().formatHex(digest),
                  held[i][0],
                  held[i][1],
                  held[i][2],
                  1),
              devices.get(i).credential(),
              Map.of()));
      requests.add(id);
    }
    return new Seeded(tenant, scope.group(), devices, decisions, requests);
  }

  private ServerFlows.Device enroll(ServerFlows.Scope scope, String hostname, String user) {
    ServerFlows.TokenView token =
        read(
            expect(201, http.admin("POST", scope.groupPath() + "/enrollment-tokens", null)),
            ServerFlows.TokenView.class);
    Ed25519KeyPair key = Ed25519KeyPair.generate();
    EnrollResponse response =
        read(
            expect(
                200,
                http.agent(
                    "POST",
                    AgentApi.ENROLL,
                    new EnrollRequest(
                        token.token(),
                        key.publicKey().toBase64(),
                        hostname,
                        user,
                        "1.0.0",
                        hostname.startsWith("build")
                            ? "Linux 6.1.0 amd64"
                            : "Mac OS X 14.5 aarch64"),
                    null,
                    Map.of())),
            EnrollResponse.class);
    return new ServerFlows.Device(response, key);
  }

  /** One decision: maybe a rule record, maybe a judge record, always the final POLICY record. */
  private String decision(
      List<AuditEvent> out, ServerFlows.Device device, String user, Instant at) {
    String decisionId = AuditEvent.newId();
    String app = APPS[random.nextInt(APPS.length)];
    String[] host = HOSTS[random.nextInt(HOSTS.length)];
    String trace = HexFormat.of().formatHex(randomBytes(16));
    ResponseMode mode = ResponseMode.ALLOW;
    String reason = "nothing fired";
    int kind = random.nextInt(10);
    if (kind < 4) {
      String detector = DETECTORS[random.nextInt(DETECTORS.length)];
      ResponseMode ruleMode =
          detector.equals("email-address") ? ResponseMode.REDACT : ResponseMode.BLOCK;
      out.add(
          event(
                  decisionId,
                  at,
                  device,
                  AuditLayer.RULE,
                  ruleMode,
                  detector + " found",
                  host,
                  List.of(detector))
              .withContext(app, user, "gpt-4o", trace)
              .withFindingTypes(Map.of(detector, 1)));
      mode = ruleMode;
      reason = detector + " found";
    }
    if (kind >= 3 && kind < 7) {
      String label = kind == 6 ? "proprietary-code-disclosure" : "generic-code-assistance";
      ResponseMode judgeMode = kind == 6 ? ResponseMode.COACH : ResponseMode.ALLOW;
      out.add(
          event(
                  decisionId,
                  at,
                  device,
                  AuditLayer.JUDGE,
                  judgeMode,
                  "intent " + label,
                  host,
                  List.of())
              .withContext(app, user, "gpt-4o", trace)
              .withJudgement(label, 0.55 + random.nextInt(40) / 100.0, kind == 6));
      if (judgeMode.compareTo(mode) > 0) {
        mode = judgeMode;
        reason = "intent " + label;
      }
    }
    out.add(
        event(
                decisionId,
                at.plusMillis(3),
                device,
                AuditLayer.POLICY,
                mode,
                reason,
                host,
                List.of())
            .withContext(app, user, "gpt-4o", trace));
    return decisionId;
  }

  private AuditEvent event(
      String decisionId,
      Instant at,
      ServerFlows.Device device,
      AuditLayer layer,
      ResponseMode mode,
      String reason,
      String[] host,
      List<String> detectors) {
    return new AuditEvent(
        AuditEvent.newId(),
        decisionId,
        at,
        device.id(),
        device.enrollment().deviceId().equals(device.id()) ? osUser(device) : "dev",
        layer,
        mode,
        reason,
        host[0],
        host[1],
        1,
        detectors,
        detectors.size(),
        "sha256:" + HexFormat.of().formatHex(randomBytes(32)),
        200 + random.nextInt(4000));
  }

  private final Map<String, String> users = new java.util.HashMap<>();

  private String osUser(ServerFlows.Device device) {
    return users.getOrDefault(device.id(), "dev");
  }

  private byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    random.nextBytes(bytes);
    return bytes;
  }
}
