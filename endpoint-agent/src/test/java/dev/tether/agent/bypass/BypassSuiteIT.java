package dev.tether.agent.bypass;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One named test per bypass technique, each run by an unprivileged developer (uid 65534) in the
 * developer namespace with real clients against the real agent and its real nftables table. The
 * verdict of each (blocked / detected / not covered) is in the method name and the README's threat
 * model.
 */
@Tag("privileged")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BypassSuiteIT {
  /** Fabricated for this test; shaped like an AWS access key id, not a live credential. */
  static final String FAKE_AWS_KEY = "AKIAQ3EGT5ZRWJ7LUN4F";

  private Lab lab;
  private FakeInternet internet;
  private LabAgent agent;
  private Path work;
  private Path bundle;

  @BeforeAll
  void setUp() throws Exception {
    LabPrerequisites.require();
    work = Files.createTempDirectory("tether-bypass");
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
    lab = Lab.create();
    internet = FakeInternet.start(work.resolve("internet"));
    agent =
        new LabAgent(
            LabAgent.requiredJar(),
            work.resolve("agent-state"),
            internet.caPem(),
            work.resolve("agent.log"));
    agent.enrollWithPolicy();
    agent.installRedirect().check();
    agent.start();
    bundle = work.resolve("clients-ca.pem");
    Files.writeString(
        bundle, Files.readString(agent.state.caCertificate()) + Files.readString(internet.caPem()));
    Files.setPosixFilePermissions(bundle, PosixFilePermissions.fromString("rw-r--r--"));
  }

  @AfterAll
  void tearDown() throws Exception {
    if (agent != null) {
      agent.close();
    }
    if (internet != null) {
      internet.close();
    }
    if (lab != null) {
      lab.close();
    }
    if (work != null) {
      try (var files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  static String chat(String text, boolean stream) {
    return "{\"model\":\"gpt-4o\",\"stream\":"
        + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\""
        + text
        + "\"}]}";
  }

  static String secretChat() {
    return chat("deploy with aws_access_key_id=" + FAKE_AWS_KEY + " please", false);
  }

  /** curl as the developer; the last line of the output is {@code HTTP <code>}. */
  Lab.Result curl(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "curl",
                "-sS",
                "--max-time",
                "15",
                "--cacert",
                bundle.toString(),
                "-w",
                "\nHTTP %{http_code}\n"));
    command.addAll(List.of(args));
    return Lab.run(Lab.inDevAsUser(command.toArray(String[]::new)), 30);
  }

  Lab.Result post(String url, String body, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("-H", "Content-Type: application/json"));
    args.addAll(List.of(extra));
    args.addAll(List.of("--data-binary", body, url));
    return curl(args.toArray(String[]::new));
  }

  Lab.Result python(String code) throws Exception {
    return Lab.run(Lab.inDevAsUser(Lab.python(), "-c", code), 30);
  }

  void assertSecretNeverLeft() throws Exception {
    assertThat(internet.received()).doesNotContain(FAKE_AWS_KEY);
  }

  // ---- baseline: blocked / allowed and streamed / untouched ----

  @Test
  @Order(1)
  void secretToAiHost_blocked() throws Exception {
    Lab.Result r = post("https://api.openai.com/v1/chat/completions", secretChat());
    assertThat(r.output()).contains("HTTP 403").containsIgnoringCase("tether");
    assertSecretNeverLeft();
  }

  @Test
  @Order(2)
  void cleanRequestToAiHost_allowedAndStreamed() throws Exception {
    Lab.Result r =
        post("https://api.openai.com/v1/chat/completions", chat("What is a monad?", true), "-N");
    assertThat(r.output())
        .contains("HTTP 200")
        .contains("part0")
        .contains("part2")
        .contains("data: ");
    assertThat(internet.received()).contains("What is a monad?");
  }

  @Test
  @Order(3)
  void nonAiHost_untouched_clientSeesRealServerCertificate() throws Exception {
    // Trusting only the internet's CA (not the device CA) proves nothing was re-signed.
    Lab.Result r =
        Lab.run(
            Lab.inDevAsUser(
                "curl",
                "-4",
                "-sS",
                "-v",
                "--max-time",
                "15",
                "--cacert",
                internet.caPem().toString(),
                "https://example.org/"),
            30);
    assertThat(r.output())
        .contains("hello from 192.0.2.20:443")
        .containsPattern("issuer: .*CN=Tether Device CA bypass-test-internet-ca");
    // Attribution: the redirected connection is traced to the developer's curl process.
    assertThat(agent.runLog())
        .containsPattern("-> /192.0.2.20:443: pid=\\d+ uid=65534 exe=/usr/bin/curl");
  }

  @Test
  @Order(4)
  void nodeClient_secretBlocked_cleanAllowed() throws Exception {
    LabPrerequisites.requireTool("node");
    String code =
        String.join(
            "\n",
            "const https = require('https');",
            "function post(body) { return new Promise((ok) => {",
            "  const req = https.request({host: 'api.openai.com', port: 443, method: 'POST',",
            "    path: '/v1/chat/completions', headers: {'content-type': 'application/json'}},",
            "    (res) => { let d = ''; res.on('data', (c) => d += c);",
            "      res.on('end', () => ok(res.statusCode)); });",
            "  req.on('error', (e) => ok('ERR ' + e.code)); req.end(body); }); }",
            "(async () => { console.log('SECRET', await post(process.argv[1]));",
            "  console.log('CLEAN', await post(process.argv[2])); })();");
    Lab.Result r =
        Lab.run(
            Lab.inDevAsUser(
                "env",
                "NODE_EXTRA_CA_CERTS=" + bundle,
                "node",
                "-e",
                code,
                secretChat(),
                chat("hello from node", false)),
            30);
    assertThat(r.output()).contains("SECRET 403").contains("CLEAN 200");
    assertThat(internet.received()).contains("hello from node");
    assertSecretNeverLeft();
  }

  // ---- techniques ----

  @Test
  @Order(10)
  void directIpWithSni_blocked() throws Exception {
    Lab.Result r =
        python(
            PythonClients.https(
                Lab.OPENAI_V4, "api.openai.com", "api.openai.com", bundle, secretChat()));
    assertThat(r.output()).contains("STATUS 403");
    assertSecretNeverLeft();
  }

  @Test
  @Order(11)
  void noSniToAiAddress_blocked() throws Exception {
    Lab.Result r =
        python(PythonClients.https(Lab.OPENAI_V4, null, "api.openai.com", bundle, secretChat()));
    assertThat(r.output()).doesNotContain("STATUS 200");
    assertSecretNeverLeft();
  }

  @Test
  @Order(13)
  void domainFronting_notCovered() throws Exception {
    // SNI and address of a non-AI edge that would forward to the AI host: Tether does not look
    // inside non-AI TLS, so the inner Host header is never seen (README: threat model).
    Lab.Result r =
        post(
            "https://example.org/v1/chat/completions",
            chat("fronted clean request", false),
            "-H",
            "Host: api.openai.com");
    assertThat(r.output()).contains("HTTP 200");
    assertThat(internet.received()).contains("fronted clean request");
  }

  @Test
  @Order(14)
  void ipv6_blocked() throws Exception {
    Lab.Result r = post("https://v6.api.openai.com/v1/chat/completions", secretChat(), "-6");
    assertThat(r.output()).contains("HTTP 403");
    Lab.Result clean =
        post("https://v6.api.openai.com/v1/chat/completions", chat("v6 hello", false), "-6");
    assertThat(clean.output()).contains("HTTP 200");
    assertThat(internet.received()).contains("\"server\": \"" + Lab.OPENAI_V6);
    assertSecretNeverLeft();
  }

  @Test
  @Order(15)
  void alternativePort_blocked() throws Exception {
    Lab.Result r = post("https://api.openai.com:8443/v1/chat/completions", secretChat());
    assertThat(r.output()).contains("HTTP 403");
    assertSecretNeverLeft();
  }

  @Test
  @Order(23)
  void portListedOnlyByPolicy_addedToRedirect_blocked() throws Exception {
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (!Lab.run(Lab.inDev("nft", "list", "table", "inet", "tether"), 30)
        .output()
        .contains(String.valueOf(LabAgent.POLICY_PORT))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("policy port never added:\n" + agent.runLog());
      }
      Thread.sleep(200);
    }
    Lab.Result r =
        post(
            "https://api.openai.com:" + LabAgent.POLICY_PORT + "/v1/chat/completions",
            secretChat());
    assertThat(r.output()).contains("HTTP 403");
    assertSecretNeverLeft();
  }

  @Test
  @Order(16)
  void quicUdp443_blocked() throws Exception {
    Lab.Result r = python(PythonClients.udp(Lab.OPENAI_V4, 443));
    assertThat(r.output()).containsAnyOf("UDP refused", "UDP unreachable");
    assertThat(internet.received()).doesNotContain("udp " + Lab.OPENAI_V4);
  }

  @Test
  @Order(17)
  void connectProxyInDevNamespace_sameUser_blocked() throws Exception {
    Path proxyDir = work.resolve("dev-proxy");
    Files.createDirectories(proxyDir);
    Files.setPosixFilePermissions(proxyDir, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path script = work.resolve("internet").resolve("fake_internet.py");
    Process proxy =
        new ProcessBuilder(
                Lab.inDevAsUser(
                    Lab.python(),
                    "-u",
                    script.toString(),
                    proxyDir.toString(),
                    "proxy|127.0.0.1|8888"))
            .redirectErrorStream(true)
            .redirectOutput(proxyDir.resolve("out.log").toFile())
            .start();
    try {
      PythonClients.awaitFile(proxyDir.resolve("out.log"), "ready");
      Lab.Result r =
          post(
              "https://api.openai.com/v1/chat/completions",
              secretChat(),
              "-x",
              "http://127.0.0.1:8888");
      assertThat(r.output()).contains("HTTP 403");
      assertThat(Files.readString(proxyDir.resolve("received.log"))).contains("api.openai.com:443");
      assertSecretNeverLeft();
    } finally {
      proxy.destroyForcibly();
    }
  }

  @Test
  @Order(18)
  void httpsProxyPointingElsewhere_notCovered() throws Exception {
    // The client talks plain HTTP (CONNECT) to a proxy outside on a redirected port (8080). The
    // transparent listener sees no TLS and a non-AI destination, so it relays the bytes; the
    // outside proxy then reaches the AI host directly (README: threat model).
    Lab.Result r =
        Lab.run(
            Lab.inDevAsUser(
                "env",
                "HTTPS_PROXY=http://proxy.example.net:8080",
                "curl",
                "-sS",
                "--max-time",
                "15",
                "--cacert",
                bundle.toString(),
                "-w",
                "\nHTTP %{http_code}\n",
                "-H",
                "Content-Type: application/json",
                "--data-binary",
                chat("via an outside proxy", false),
                "https://api.openai.com/v1/chat/completions"),
            30);
    assertThat(r.output()).contains("HTTP 200");
    assertThat(internet.received())
        .contains("proxy " + Lab.PROXY_V4)
        .contains("via an outside proxy");
  }

  @Test
  @Order(19)
  void unprivilegedNewNetworkNamespace_noEgress() throws Exception {
    Lab.Result r =
        Lab.run(
            Lab.inDevAsUser(
                "unshare",
                "-rn",
                "curl",
                "-sS",
                "--max-time",
                "5",
                "--cacert",
                bundle.toString(),
                "--data-binary",
                secretChat(),
                "https://api.openai.com/v1/chat/completions"),
            30);
    assertThat(r.exitCode()).isNotZero();
    assertSecretNeverLeft();
  }

  @Test
  @Order(20)
  void unprivilegedUserNamespace_cannotTouchTable() throws Exception {
    Lab.Result r = Lab.run(Lab.inDevAsUser("unshare", "-r", "nft", "flush", "ruleset"), 30);
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.output()).contains("Operation not permitted");
    assertTableIntact();
  }

  @Test
  @Order(21)
  void unprivilegedNftFlushRuleset_denied() throws Exception {
    Lab.Result r = Lab.run(Lab.inDevAsUser("nft", "flush", "ruleset"), 30);
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.output()).contains("Operation not permitted");
    Lab.Result delete = Lab.run(Lab.inDevAsUser("nft", "delete", "table", "inet", "tether"), 30);
    assertThat(delete.exitCode()).isNotZero();
    assertTableIntact();
    assertThat(post("https://api.openai.com/v1/chat/completions", secretChat()).output())
        .contains("HTTP 403");
  }

  @Test
  @Order(22)
  void directConnectionToListener_refusedByLoopGuard() throws Exception {
    Lab.Result r =
        curl("--resolve", "api.openai.com:3130:127.0.0.1", "https://api.openai.com:3130/");
    assertThat(r.output()).doesNotContain("HTTP 200");
    assertThat(agent.logText()).contains("loop guard");
  }

  // ---- lifecycle ----

  @Test
  @Order(30)
  void agentKilledWithSigkill_aiEgressFails_nothingLeaks_restartReusesTable() throws Exception {
    agent.kill9();
    assertTableIntact();
    Lab.Result r = post("https://api.openai.com/v1/chat/completions", secretChat());
    assertThat(r.exitCode()).isNotZero(); // connection refused: the redirect has no listener
    assertSecretNeverLeft();
    agent.start();
    assertThat(agent.runLog()).contains("OS redirect found");
    assertThat(post("https://api.openai.com/v1/chat/completions", secretChat()).output())
        .contains("HTTP 403");
  }

  @Test
  @Order(31)
  void agentStoppedGracefully_aiEgressFails_tableStays() throws Exception {
    agent.stopGracefully();
    assertThat(agent.runLog()).contains("tether-agent stopped");
    assertTableIntact();
    Lab.Result r = post("https://api.openai.com/v1/chat/completions", chat("hello", false));
    assertThat(r.exitCode()).isNotZero();
    agent.start();
  }

  @Test
  @Order(40)
  void tamperedPolicyFile_rejected_lastGoodKept_thenFailsClosedOnRestart() throws Exception {
    Path cached = agent.state.policyBundle();
    String original = Files.readString(cached);
    Files.writeString(cached, loosened(original));
    // Running agent: keeps the verified policy it holds in memory.
    assertThat(post("https://api.openai.com/v1/chat/completions", secretChat()).output())
        .contains("HTTP 403");
    assertThat(
            post("https://api.openai.com/v1/chat/completions", chat("still fine", false)).output())
        .contains("HTTP 200");
    // Restart: the tampered cache does not verify; no policy means AI egress is blocked.
    agent.stopGracefully();
    agent.start();
    Lab.Result clean =
        post("https://api.openai.com/v1/chat/completions", chat("no policy now", false));
    assertThat(clean.output()).contains("HTTP 403");
    assertThat(internet.received()).doesNotContain("no policy now");
    assertSecretNeverLeft();
  }

  /** What a developer would do: decode the cached policy, turn BLOCK into ALLOW, re-encode. */
  static String loosened(String envelope) {
    int start = envelope.indexOf("\"payload\":\"") + 11;
    int end = envelope.indexOf('"', start);
    String payload = envelope.substring(start, end);
    boolean url = payload.indexOf('-') >= 0 || payload.indexOf('_') >= 0;
    byte[] json = (url ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(payload);
    String edited = new String(json, StandardCharsets.UTF_8).replace("BLOCK", "ALLOW");
    assertThat(edited).isNotEqualTo(new String(json, StandardCharsets.UTF_8));
    byte[] bytes = edited.getBytes(StandardCharsets.UTF_8);
    String encoded =
        url
            ? Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)
            : Base64.getEncoder().encodeToString(bytes);
    return envelope.substring(0, start) + encoded + envelope.substring(end);
  }

  private void assertTableIntact() throws Exception {
    Lab.Result list = Lab.run(Lab.inDev("nft", "list", "table", "inet", "tether"), 30).check();
    assertThat(list.output()).contains("redirect to :3130").contains("tether-agent redirect");
  }
}
