package dev.tether.nativehooks.pf;

import dev.tether.nativehooks.RedirectException;
import dev.tether.nativehooks.RedirectSpec;
import dev.tether.nativehooks.TrafficRedirect;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@link TrafficRedirect} on macOS: replaces the agent's anchor with {@code pfctl -a ANCHOR -f -}
 * (pf swaps an anchor's ruleset atomically) and enables pf. Not verified here (no macOS in CI):
 * compiled and its rule text unit-tested only; see the module README.
 */
public final class PfRedirect implements TrafficRedirect {
  private static final String PFCTL = "/sbin/pfctl";

  @Override
  public void install(RedirectSpec spec) throws RedirectException {
    pfctl(List.of(PFCTL, "-a", PfRuleset.ANCHOR, "-f", "-"), PfRuleset.anchorRules(spec));
    pfctl(List.of(PFCTL, "-E"), "");
  }

  @Override
  public void remove() throws RedirectException {
    pfctl(List.of(PFCTL, "-a", PfRuleset.ANCHOR, "-F", "all"), "");
  }

  @Override
  public boolean isInstalled(RedirectSpec spec) throws RedirectException {
    String nat = pfctl(List.of(PFCTL, "-a", PfRuleset.ANCHOR, "-s", "nat"), "");
    return nat.contains("port " + spec.listenPort());
  }

  @Override
  public boolean isPresent() throws RedirectException {
    return pfctl(List.of(PFCTL, "-a", PfRuleset.ANCHOR, "-s", "nat"), "").contains("rdr");
  }

  private static String pfctl(List<String> command, String input) throws RedirectException {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readNBytes(1 << 20);
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new RedirectException(String.join(" ", command) + ": timed out");
      }
      String text = new String(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new RedirectException(
            String.join(" ", command) + " failed (exit " + p.exitValue() + "): " + text.strip());
      }
      return text;
    } catch (IOException e) {
      throw new RedirectException(String.join(" ", command) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RedirectException(String.join(" ", command) + ": interrupted", e);
    }
  }
}
