package dev.tether.agent.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tether.agent.TestPolicies;
import dev.tether.agent.enforce.ModeHandlers;
import dev.tether.agent.intercept.ProcessApps;
import dev.tether.agent.testsupport.TestTls;
import dev.tether.agent.testsupport.TestUpstream;
import dev.tether.agent.tls.DeviceCa;
import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.AuditLayer;
import dev.tether.core.policy.JudgeSettings;
import dev.tether.core.policy.ModeOverride;
import dev.tether.core.policy.PolicyDocument;
import dev.tether.core.policy.ResponseMode;
import dev.tether.core.policy.ResponseSettings;
import dev.tether.nativehooks.linux.LinuxProcessAttribution;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-app policy overrides through the real proxy with real process attribution (socket diagnostics
 * and {@code /proc}): a policy that blocks the {@code curl} executable as a shadow tool blocks the
 * real curl binary, while the same request from this JVM (another executable) is forwarded; both
 * decisions are audited with the attributed executable.
 */
class AppOverrideProxyTest {
  static final String PROMPT =
      "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}";
  static TestUpstream upstream;
  static ProxyFixture proxy;
  static ProcessApps apps;
  static Path caFile;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    requireLinuxAndCurl();
    upstream = new TestUpstream(DeviceCa.generate("app-upstream-ca"));
    PolicyDocument policy =
        TestPolicies.document(List.of())
            .withJudge(new JudgeSettings(false, null, null, null, null, null, null))
            .withResponses(
                new ResponseSettings(
                    List.of(new ModeOverride(null, "curl", null, null, ResponseMode.BLOCK)),
                    null,
                    null,
                    null,
                    null));
    apps = ProcessApps.of(new LinuxProcessAttribution());
    proxy =
        new ProxyFixture(
            dir,
            policy,
            ModeHandlers.none(),
            upstream.writeCaPem(dir),
            null,
            dev.tether.agent.telemetry.DecisionTracer.disabled(),
            apps);
    caFile = dir.resolve("device-ca.pem");
    Files.write(caFile, proxy.deviceCa.certificatePem());
  }

  @AfterAll
  static void stop() throws Exception {
    if (proxy != null) {
      proxy.close();
      upstream.close();
      apps.close();
    }
  }

  static List<String> apps(List<AuditEvent> events) {
    return events.stream().map(e -> e.layer() + " " + e.mode() + " app=" + e.app()).toList();
  }

  static void requireLinuxAndCurl() {
    boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
    boolean curl = Path.of("/usr/bin/curl").toFile().canExecute();
    if (linux && curl) {
      return;
    }
    String message = "per-app override test needs Linux process attribution and /usr/bin/curl";
    if ("true".equals(System.getenv("CI"))) {
      fail(message + " (CI=true: .ci/run must provide them)");
    }
    System.err.println("\n!!!!! SKIPPING " + message + " !!!!!\n");
    Assumptions.abort(message);
  }

  @Test
  void shadowToolApp_blocked_otherAppForwarded_bothAuditedWithTheirApp() throws Exception {
    int before = upstream.bodies.size();
    Process curl =
        new ProcessBuilder(
                "/usr/bin/curl",
                "--silent",
                "--show-error",
                "--noproxy",
                "",
                "--proxy",
                "http://127.0.0.1:" + proxy.address.getPort(),
                "--cacert",
                caFile.toString(),
                "--max-time",
                "20",
                "--write-out",
                "\n%{http_code}",
                "-H",
                "Content-Type: application/json",
                "--data-binary",
                PROMPT,
                "https://localhost:" + upstream.port() + "/v1/chat/completions")
            .redirectErrorStream(true)
            .start();
    if (!curl.waitFor(30, TimeUnit.SECONDS)) {
      curl.destroyForcibly();
      fail("curl did not finish");
    }
    String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String status = out.substring(out.lastIndexOf('\n') + 1).trim();
    assertEquals("403", status, out + "\naudit: " + apps(proxy.audit()));
    assertThat(out).contains("policy override for app curl");
    assertEquals(before, upstream.bodies.size(), "the shadow tool's request reached upstream");

    HttpResponse<String> java =
        HttpClient.newBuilder()
            .proxy(ProxySelector.of(proxy.address))
            .sslContext(TestTls.trusting(proxy.deviceCa.certificate()))
            .connectTimeout(Duration.ofSeconds(5))
            .build()
            .send(
                HttpRequest.newBuilder(
                        URI.create("https://localhost:" + upstream.port() + "/v1/chat/completions"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(PROMPT))
                    .timeout(Duration.ofSeconds(20))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(201, java.statusCode(), java.body());

    List<AuditEvent> decisions =
        proxy.audit().stream().filter(e -> e.layer() == AuditLayer.POLICY).toList();
    assertThat(decisions)
        .anyMatch(
            e -> e.mode() == ResponseMode.BLOCK && e.app() != null && e.app().endsWith("/curl"));
    String self = ProcessHandle.current().info().command().orElseThrow();
    assertThat(decisions).anyMatch(e -> e.mode() == ResponseMode.ALLOW && self.equals(e.app()));
  }
}
