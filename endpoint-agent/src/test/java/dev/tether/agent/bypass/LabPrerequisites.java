package dev.tether.agent.bypass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The suite needs root, nftables (libnftables1), iproute2, curl and python3. Locally a missing
 * prerequisite skips it with a loud message; with {@code CI=true} it fails instead.
 */
final class LabPrerequisites {
  private LabPrerequisites() {}

  static void require() {
    List<String> missing = new ArrayList<>();
    if (!"root".equals(System.getProperty("user.name"))) {
      missing.add("root");
    }
    for (String tool : List.of("nft", "ip", "curl", "python3", "setpriv", "unshare")) {
      if (!onPath(tool)) {
        missing.add(tool);
      }
    }
    if (!Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libnftables.so.1"))
        && !Files.exists(Path.of("/usr/lib/aarch64-linux-gnu/libnftables.so.1"))) {
      missing.add("libnftables1");
    }
    if (missing.isEmpty()) {
      return;
    }
    String message = "bypass suite prerequisites missing: " + missing;
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError("CI=true: " + message);
    }
    System.err.println("\n*** SKIPPING the bypass-resistance suite: " + message + " ***\n");
    Assumptions.abort(message);
  }

  /** One more tool for one test: skipped loudly when missing locally, a failure in CI. */
  static void requireTool(String tool) {
    if (onPath(tool)) {
      return;
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError("CI=true: " + tool + " missing (.ci/run installs it)");
    }
    System.err.println("\n*** SKIPPING: " + tool + " not installed ***\n");
    Assumptions.abort(tool + " not installed");
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return Files.isExecutable(Path.of("/usr/sbin", tool))
        || Files.isExecutable(Path.of("/sbin", tool));
  }
}
