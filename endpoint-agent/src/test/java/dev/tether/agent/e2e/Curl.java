package dev.tether.agent.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The real curl binary, driven through the agent's explicit proxy. */
final class Curl {
  private Curl() {}

  /** Fails the test (in CI) or skips it loudly (locally) when curl is missing. */
  static void requireInstalled() {
    boolean present =
        List.of("/usr/bin/curl", "/usr/local/bin/curl", "/bin/curl").stream()
            .anyMatch(p -> Path.of(p).toFile().canExecute());
    if (present) {
      return;
    }
    String message = "curl is not installed: the end-to-end test needs the real curl client";
    if ("true".equals(System.getenv("CI"))) {
      fail(message + " (CI=true: .ci/run must install it)");
    }
    System.err.println("\n!!!!! SKIPPING curl checks: " + message + " !!!!!\n");
    org.junit.jupiter.api.Assumptions.abort(message);
  }

  /** A response: status code and body. */
  record Response(int status, String body) {}

  /** POSTs {@code json} to {@code url} through {@code proxyPort}, trusting only {@code caFile}. */
  static Response post(int proxyPort, Path caFile, String url, String json) throws Exception {
    List<String> command = new ArrayList<>(base(proxyPort, caFile));
    command.addAll(List.of("-H", "Content-Type: application/json", "--data-binary", json, url));
    return parse(ManagedProcess.run(command, Duration.ofSeconds(30)));
  }

  /** GETs {@code url} through {@code proxyPort}, trusting only {@code caFile}. */
  static Response get(int proxyPort, Path caFile, String url) throws Exception {
    List<String> command = new ArrayList<>(base(proxyPort, caFile));
    command.add(url);
    return parse(ManagedProcess.run(command, Duration.ofSeconds(30)));
  }

  private static List<String> base(int proxyPort, Path caFile) {
    return List.of(
        "curl",
        "--silent",
        "--show-error",
        "--noproxy",
        "",
        "--proxy",
        "http://127.0.0.1:" + proxyPort,
        "--cacert",
        caFile.toString(),
        "--max-time",
        "20",
        "--write-out",
        "\n%{http_code}");
  }

  private static Response parse(String output) {
    int newline = output.lastIndexOf('\n');
    return new Response(
        Integer.parseInt(output.substring(newline + 1).trim()), output.substring(0, newline));
  }
}
