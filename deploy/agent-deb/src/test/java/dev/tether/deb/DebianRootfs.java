package dev.tether.deb;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway Debian root filesystem: an overlay over a cached debootstrap (created on first use,
 * reused afterwards) mounted inside a private mount namespace with its own network namespace (only
 * loopback), held open by one {@code sleep} process. Every mount, the nftables state and the
 * overlay's changes disappear with that process; the cache is never written.
 */
final class DebianRootfs implements AutoCloseable {
  /**
   * What the cached rootfs holds besides minbase: the package's dependencies and systemd. The cache
   * directory's name carries a version ({@code -v1}): bump it when this list changes.
   */
  static final String INCLUDE =
      "ca-certificates,openssl,systemd,systemd-sysv,libnftables1,nftables,iproute2,libstdc++6";

  static final String SUITE = "bookworm";
  static final String MIRROR = "http://deb.debian.org/debian";
  private static final String READY = ".tether-ready";

  private final Process holder;
  private final long pid;
  private final Path work;
  private final Path merged;

  private DebianRootfs(Process holder, long pid, Path work) {
    this.holder = holder;
    this.pid = pid;
    this.work = work;
    this.merged = work.resolve("merged");
  }

  /** Result of one command: exit code and stdout+stderr. */
  record Result(int exit, String output) {
    Result ok(String what) {
      if (exit != 0) {
        throw new AssertionError(what + ": exit " + exit + "\n" + output);
      }
      return this;
    }
  }

  /**
   * The cached rootfs under {@code cache}, debootstrapped when absent (into a temporary directory
   * renamed at the end, so an interrupted run never leaves a half rootfs that looks ready).
   */
  static Path ensureCache(Path cache) throws IOException, InterruptedException {
    Path rootfs = cache.resolve(SUITE + "-v1");
    if (Files.exists(rootfs.resolve(READY))) {
      return rootfs;
    }
    Files.createDirectories(cache);
    Path partial = cache.resolve(SUITE + "-v1.partial");
    deleteTree(partial);
    deleteTree(rootfs);
    long start = System.nanoTime();
    Result r =
        run(
            List.of(
                "debootstrap",
                "--variant=minbase",
                "--include=" + INCLUDE,
                SUITE,
                partial.toString(),
                MIRROR),
            Duration.ofMinutes(20));
    r.ok("debootstrap " + SUITE + " (cold rootfs cache)");
    Files.writeString(partial.resolve(READY), INCLUDE + "\n");
    Files.move(partial, rootfs);
    System.err.printf(
        "DebianRootfs: debootstrapped %s into %s in %d s (cold cache)%n",
        SUITE, rootfs, Duration.ofNanos(System.nanoTime() - start).toSeconds());
    return rootfs;
  }

  /** Mounts an overlay of {@code lower} in new mount and network namespaces. */
  static DebianRootfs open(Path lower) throws IOException, InterruptedException {
    Path work = Files.createTempDirectory("tether-deb-rootfs");
    for (String d : List.of("upper", "work", "merged")) {
      Files.createDirectories(work.resolve(d));
    }
    String m = work.resolve("merged").toString();
    String script =
        String.join(
            "; ",
            "set -e",
            "mount -t overlay overlay -o lowerdir="
                + lower
                + ",upperdir="
                + work.resolve("upper")
                + ",workdir="
                + work.resolve("work")
                + " "
                + m,
            "mount -t proc proc " + m + "/proc",
            "mount -t sysfs sysfs " + m + "/sys",
            "mount --rbind /dev " + m + "/dev",
            "mount -t tmpfs tmpfs " + m + "/run",
            "ip link set lo up",
            "echo ready $$",
            "exec sleep 3600");
    Process holder =
        new ProcessBuilder(
                "unshare",
                "--mount",
                "--propagation",
                "private",
                "--net",
                "--fork",
                "--kill-child",
                "/bin/sh",
                "-c",
                script)
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.startsWith("ready ")) {
      holder.destroyForcibly();
      throw new IOException("rootfs namespace did not start: " + line);
    }
    return new DebianRootfs(holder, Long.parseLong(line.substring(6).trim()), work);
  }

  /** Runs {@code script} with /bin/sh inside the rootfs (chroot), as root, in its namespaces. */
  Result chroot(String script) throws IOException, InterruptedException {
    return run(
        List.of(
            "nsenter",
            "-t",
            Long.toString(pid),
            "-m",
            "-n",
            "--",
            "chroot",
            merged.toString(),
            "/usr/bin/env",
            "-i",
            "PATH=/usr/sbin:/usr/bin:/sbin:/bin",
            "LANG=C.UTF-8",
            "/bin/sh",
            "-c",
            script),
        Duration.ofMinutes(5));
  }

  /** Runs {@code script} on the host's tools, in the rootfs's mount and network namespaces. */
  Result inNamespaces(String script) throws IOException, InterruptedException {
    return run(
        List.of("nsenter", "-t", Long.toString(pid), "-m", "-n", "--", "/bin/sh", "-c", script),
        Duration.ofMinutes(5));
  }

  /** The rootfs path as seen inside the namespaces. */
  String root() {
    return merged.toString();
  }

  static Result run(List<String> command, Duration timeout)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[][] out = new byte[1][];
    Thread reader =
        new Thread(
            () -> {
              try {
                out[0] = p.getInputStream().readAllBytes();
              } catch (IOException e) {
                out[0] = ("(output lost: " + e + ")").getBytes(StandardCharsets.UTF_8);
              }
            });
    reader.start();
    if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly();
      reader.join(5_000);
      throw new AssertionError("timed out after " + timeout + ": " + command);
    }
    reader.join();
    return new Result(p.exitValue(), new String(out[0], StandardCharsets.UTF_8));
  }

  static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    for (String dir : List.of("/usr/sbin", "/sbin")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    holder.destroyForcibly();
    try {
      holder.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // The mounts died with the namespace; what is left is the overlay's upper layer.
    deleteTree(work);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    List<Path> all = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.forEach(all::add);
    }
    all.sort(Comparator.reverseOrder());
    for (Path p : all) {
      Files.deleteIfExists(p);
    }
  }
}
