package dev.tether.agent.enforce;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Tells the developer about a Warn (or a held request) outside the AI client. Implementations never
 * block the decision and never throw; messages carry the reason only, never payload content.
 */
public interface Notifier {
  /** Shows {@code message}; best effort. */
  void notify(String title, String message);

  /** Does nothing (headless machines, tests). */
  Notifier NONE = (title, message) -> {};

  /**
   * A desktop notification through {@code notify-send} (libnotify) when it is installed and a
   * display session exists, else {@link #NONE}. Runs the command with arguments (no shell), in the
   * background, killed after 5 seconds.
   */
  static Notifier desktop() {
    Path command = null;
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        Path candidate = Path.of(dir, "notify-send");
        if (Files.isExecutable(candidate)) {
          command = candidate;
          break;
        }
      }
    }
    boolean display =
        System.getenv("DISPLAY") != null
            || System.getenv("WAYLAND_DISPLAY") != null
            || System.getenv("DBUS_SESSION_BUS_ADDRESS") != null;
    if (command == null || !display) {
      return NONE;
    }
    String executable = command.toString();
    return (title, message) -> {
      try {
        Process p =
            new ProcessBuilder(executable, "--app-name=Tether", title, message)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        java.util.concurrent.CompletableFuture.delayedExecutor(5, TimeUnit.SECONDS)
            .execute(p::destroyForcibly);
      } catch (Exception | Error e) {
        // best effort: the status page and the audit trail still carry the warning
      }
    };
  }
}
