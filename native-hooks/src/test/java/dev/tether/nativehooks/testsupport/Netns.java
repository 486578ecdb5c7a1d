package dev.tether.nativehooks.testsupport;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace this test created (never the host's), with a thread that lives inside it:
 * {@link #call} runs code on that thread, so sockets and libnftables calls made there belong to the
 * namespace. Closing kills the namespace's processes and deletes it.
 */
public final class Netns implements AutoCloseable {
  interface Libc extends Library {
    Libc INSTANCE = Native.load("c", Libc.class);

    int open(String path, int flags) throws LastErrorException;

    int setns(int fd, int nstype) throws LastErrorException;

    int close(int fd) throws LastErrorException;
  }

  private static final int CLONE_NEWNET = 0x40000000;

  private final String name;
  private final ExecutorService inside;

  private Netns(String name) {
    this.name = name;
    this.inside =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t =
                  new Thread(
                      () -> {
                        int fd = Libc.INSTANCE.open("/var/run/netns/" + name, 0);
                        Libc.INSTANCE.setns(fd, CLONE_NEWNET);
                        Libc.INSTANCE.close(fd);
                        r.run();
                      },
                      "netns-" + name);
              t.setDaemon(true);
              return t;
            });
  }

  public static Netns create(String name) throws Exception {
    exec("ip", "netns", "del", name).ignoreFailure();
    exec("ip", "netns", "add", name).check();
    Netns ns = new Netns(name);
    ns.ip("link", "set", "lo", "up");
    return ns;
  }

  public String name() {
    return name;
  }

  /** Runs {@code ip ARGS} inside the namespace. */
  public void ip(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("ip", "-n", name));
    command.addAll(List.of(args));
    exec(command.toArray(String[]::new)).check();
  }

  /** Runs a command inside the namespace and returns its result. */
  public static Result exec(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readNBytes(1 << 20);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    return new Result(List.of(command), p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  public Result execIn(String... command) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
    full.addAll(List.of(command));
    return exec(full.toArray(String[]::new));
  }

  /** Runs {@code task} on the thread inside the namespace. */
  public <T> T call(Callable<T> task) throws Exception {
    Future<T> result = inside.submit(task);
    try {
      return result.get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  @Override
  public void close() throws Exception {
    inside.shutdownNow();
    exec("ip", "netns", "pids", name)
        .output()
        .lines()
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .forEach(
            pid -> {
              try {
                exec("kill", "-9", pid);
              } catch (Exception e) {
                // already gone
              }
            });
    exec("ip", "netns", "del", name);
  }

  /** A finished command. */
  public record Result(List<String> command, int exitCode, String output) {
    public Result check() {
      if (exitCode != 0) {
        throw new AssertionError("exit " + exitCode + " from " + command + ": " + output);
      }
      return this;
    }

    public void ignoreFailure() {}
  }
}
