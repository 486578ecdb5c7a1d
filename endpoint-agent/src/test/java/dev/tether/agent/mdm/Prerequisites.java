package dev.tether.agent.mdm;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** Optional tools for cross-checking artifacts; missing ones skip loudly, never under CI. */
final class Prerequisites {
  private Prerequisites() {}

  /** {@code python3} with plistlib, or null (after a loud message) when missing outside CI. */
  static List<String> python3() {
    try {
      Process p =
          new ProcessBuilder("python3", "-c", "import plistlib").redirectErrorStream(true).start();
      if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
        return List.of("python3");
      }
    } catch (java.io.IOException e) {
      // fall through
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if ("true".equals(System.getenv("CI"))) {
      throw new AssertionError(
          "CI=true but python3 with plistlib is missing (.ci/run installs it)");
    }
    System.err.println(
        "WARNING: python3 with plistlib not found; mobileconfig not cross-checked with plistlib");
    return null;
  }
}
