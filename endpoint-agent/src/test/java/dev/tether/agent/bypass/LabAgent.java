package dev.tether.agent.bypass;

import com.sun.net.httpserver.HttpServer;
import dev.tether.agent.TestPolicies;
import dev.tether.agent.config.EnrollConfig;
import dev.tether.agent.config.StateDir;
import dev.tether.agent.enroll.Enroller;
import dev.tether.core.api.EnrollResponse;
import dev.tether.core.json.JsonCodec;
import dev.tether.core.policy.PolicyDocument;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real agent jar in the developer namespace: an enrolled state with a signed, verified policy
 * (enrolled against a local stand-in of the agent API, then the server is gone: the agent keeps
 * enforcing its cached policy), the real nftables table from {@code redirect install}, and {@code
 * run --transparent-port}.
 */
final class LabAgent implements AutoCloseable {
  static final int PROXY_PORT = 3128;
  static final int TRANSPARENT_PORT = 3130;
  static final List<String> REDIRECT_PORTS = List.of("443", "8443", "8080");

  /** A port only the policy lists; the running agent adds it to the redirect. */
  static final int POLICY_PORT = 9443;

  final Path jar;
  final StateDir state;
  private final Path extraCa;
  private final Path log;
  private Process process;
  private int runLogStart;

  LabAgent(Path jar, Path stateRoot, Path extraCa, Path log) {
    this.jar = jar;
    this.state = new StateDir(stateRoot);
    this.extraCa = extraCa;
    this.log = log;
  }

  /** Enrolls and stores a signed policy blocking cloud credentials to the AI hosts. */
  void enrollWithPolicy() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/tether/api/v1/agent/enroll",
        ex -> {
          ex.getRequestBody().readAllBytes();
          byte[] body =
              JsonCodec.write(
                  new EnrollResponse(
                      "lab-device",
                      "lab-credential",
                      TestPolicies.TENANT,
                      TestPolicies.GROUP,
                      java.util.List.of(TestPolicies.ROOT)));
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/tether";
      Enroller.enroll(new EnrollConfig(url, "lab-token", state).validated());
    } finally {
      server.stop(0);
    }
    // JSON, as the console authors it; the proxy section lists one more port to redirect. The
    // intent judge is off: this suite tests the OS intercept, with the deterministic detectors
    // as the control that must fire (the judge has its own tests).
    PolicyDocument policy =
        JsonCodec.read(
            """
            {"name": "Bypass lab policy",
             "aiDestinations": [{"host": "api.openai.com", "provider": "OPENAI"},
                                {"host": "v6.api.openai.com", "provider": "OPENAI"},
                                {"host": "api.anthropic.com", "provider": "ANTHROPIC"}],
             "blockedHosts": [],
             "detectorModes": {"cloud-credentials": "BLOCK", "private-keys": "BLOCK"},
             "defaultMode": "ALLOW",
             "bundleLifetime": "P1D",
             "judge": {"enabled": false},
             "proxy": {"inspectAll": false, "interceptPorts": [%d]}}
            """
                .formatted(POLICY_PORT)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8),
            PolicyDocument.class);
    TestPolicies.manager(state.root(), Clock.systemUTC())
        .accept(TestPolicies.sign(policy, 1, Instant.now(), Duration.ofDays(1)), "\"lab-1\"");
  }

  /** {@code redirect install} as root in the developer namespace (what the boot unit runs). */
  Lab.Result installRedirect() throws Exception {
    List<String> command =
        new ArrayList<>(
            Lab.inDev(
                "java",
                "-jar",
                jar.toString(),
                "redirect",
                "install",
                "--state-dir",
                state.root().toString(),
                "--listen-port",
                String.valueOf(TRANSPARENT_PORT)));
    for (String port : REDIRECT_PORTS) {
      command.add("--port");
      command.add(port);
    }
    return Lab.run(command, 60);
  }

  void start() throws Exception {
    runLogStart = logText().length();
    List<String> command =
        new ArrayList<>(
            Lab.inDev(
                "java",
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar.toString(),
                "run",
                "--state-dir",
                state.root().toString(),
                "--listen",
                "127.0.0.1:" + PROXY_PORT,
                "--extra-ca-file",
                extraCa.toString(),
                "--poll-interval",
                "1h",
                "--transparent-port",
                String.valueOf(TRANSPARENT_PORT)));
    for (String port : REDIRECT_PORTS) {
      command.add("--redirect-port");
      command.add(port);
    }
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(java.lang.ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!runLog().contains("tether-agent running")) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("agent did not start:\n" + logText());
      }
      Thread.sleep(100);
    }
  }

  /** The log of the current (or last) run only. */
  String runLog() throws Exception {
    String all = logText();
    return all.substring(Math.min(runLogStart, all.length()));
  }

  String logText() throws Exception {
    return Files.exists(log) ? Files.readString(log) : "";
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** The agent's own pid (the JVM under {@code ip netns exec}, which execs it). */
  long pid() {
    return process.pid();
  }

  void kill9() throws Exception {
    Lab.run("kill", "-9", String.valueOf(process.pid())).check();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  void stopGracefully() throws Exception {
    Lab.run("kill", "-TERM", String.valueOf(process.pid())).check();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      throw new AssertionError("agent did not stop on SIGTERM:\n" + logText());
    }
  }

  @Override
  public void close() throws Exception {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  static Path requiredJar() {
    String configured = System.getProperty("tether.e2e.agentJar");
    Path jar = configured != null ? Path.of(configured) : Path.of("target", "tether-agent.jar");
    if (!Files.isRegularFile(jar)) {
      throw new AssertionError("agent jar missing: " + jar.toAbsolutePath() + " (run mvn package)");
    }
    return jar.toAbsolutePath();
  }
}
