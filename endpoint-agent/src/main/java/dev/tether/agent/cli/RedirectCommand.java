package dev.tether.agent.cli;

import dev.tether.agent.config.RedirectConfig;
import dev.tether.agent.config.StateDir;
import dev.tether.nativehooks.NativeHooks;
import dev.tether.nativehooks.RedirectException;
import dev.tether.nativehooks.TrafficRedirect;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/**
 * {@code tether-agent redirect install|uninstall|status}: the privileged OS redirect. {@code
 * install} runs at boot (systemd {@code tether-redirect.service}) before the agent and is
 * idempotent; {@code uninstall} is the only way the redirect is removed (never on agent stop). Exit
 * codes: 0 ok (status: installed as specified), 1 failure (status: not installed), 2 usage.
 */
final class RedirectCommand {
  private static final Set<String> SPEC_OPTIONS =
      Set.of("state-dir", "listen-port", "port", "mark", "quic");

  private RedirectCommand() {}

  static int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
    if (args.isEmpty()) {
      throw new IllegalArgumentException("redirect: expected install, uninstall or status");
    }
    String action = args.get(0);
    List<String> rest = args.subList(1, args.size());
    switch (action) {
      case "install" -> {
        RedirectConfig config = config("redirect install", rest);
        TrafficRedirect redirect = hooks(config.stateDir()).redirect();
        redirect.install(config.spec());
        out.println(
            "redirect installed: TCP "
                + config.ports()
                + " -> 127.0.0.1/::1 port "
                + config.listenPort()
                + (config.blockQuic() ? "; UDP 443 rejected" : "")
                + "; exempt mark 0x"
                + Integer.toHexString(config.mark()));
        return 0;
      }
      case "uninstall" -> {
        Options options = Options.parse("redirect uninstall", rest, Set.of("state-dir"), Set.of());
        hooks(StateDir.resolve(options.get("state-dir"))).redirect().remove();
        out.println("redirect removed: outbound HTTPS is no longer inspected on this machine");
        return 0;
      }
      case "status" -> {
        RedirectConfig config = config("redirect status", rest);
        boolean installed = hooks(config.stateDir()).redirect().isInstalled(config.spec());
        out.println(installed ? "installed" : "NOT installed (as specified)");
        return installed ? 0 : 1;
      }
      default ->
          throw new IllegalArgumentException(
              "redirect: expected install, uninstall or status, got \"" + action + "\"");
    }
  }

  static RedirectConfig config(String command, List<String> args) {
    Options options = Options.parse(command, args, SPEC_OPTIONS, Set.of("port"));
    return RedirectConfig.parse(
        StateDir.resolve(options.get("state-dir")),
        options.get("listen-port"),
        options.all("port"),
        options.get("mark"),
        options.get("quic"));
  }

  private static NativeHooks hooks(StateDir dir) throws RedirectException {
    return NativeHooks.forCurrentOs(dir.root().resolve("native"));
  }
}
