package dev.tether.nativehooks.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Gate for tests that need root, network namespaces and nftables. Locally they skip with a loud
 * message when a prerequisite is missing; with {@code CI=true} they fail instead.
 */
public final class Privileged {
  private Privileged() {}

  public static void require() {
    String missing = missing();
    if (missing == null) {
      return;
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError("CI=true but privileged test prerequisite missing: " + missing);
    }
    System.err.println(
        "\n*** SKIPPING privileged netns/nftables test: " + missing + " (runs for real in CI)\n");
    Assumptions.abort("privileged prerequisite missing: " + missing);
  }

  private static String missing() {
    if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
      return "not Linux";
    }
    if (!"root".equals(System.getProperty("user.name"))) {
      return "not root";
    }
    for (String tool : new String[] {"/usr/sbin/nft", "/usr/sbin/ip", "/usr/bin/ip"}) {
      if (tool.endsWith("nft") && !Files.isExecutable(Path.of(tool))) {
        return "nft not installed (apt-get install nftables)";
      }
    }
    if (!Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libnftables.so.1"))
        && !Files.exists(Path.of("/usr/lib/aarch64-linux-gnu/libnftables.so.1"))) {
      return "libnftables1 not installed";
    }
    return null;
  }
}
