package dev.tether.nativehooks;

import java.util.Objects;

/**
 * The process that owns a redirected client socket: the app context for policy and audit.
 *
 * @param pid process id
 * @param uid real user id owning the socket (from the kernel's socket table)
 * @param executable absolute path of the executable ({@code /proc/PID/exe}), or {@code "?"} when
 *     the process is gone or not readable
 * @param commandLine the command line, arguments joined by single spaces, at most {@link
 *     #MAX_COMMAND_LINE} characters (longer: cut and ending in {@code "…"})
 */
public record ProcessInfo(long pid, long uid, String executable, String commandLine) {
  /** Bound on the command line kept (and so on what reaches the audit record). */
  public static final int MAX_COMMAND_LINE = 1024;

  public ProcessInfo {
    if (pid < 1) {
      throw new IllegalArgumentException("process.pid: expected >= 1, got " + pid);
    }
    if (uid < 0 || uid > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("process.uid: expected 0..2^32-1, got " + uid);
    }
    Objects.requireNonNull(executable, "process.executable");
    Objects.requireNonNull(commandLine, "process.commandLine");
    if (commandLine.length() > MAX_COMMAND_LINE) {
      commandLine = commandLine.substring(0, MAX_COMMAND_LINE - 1) + "…";
    }
  }
}
