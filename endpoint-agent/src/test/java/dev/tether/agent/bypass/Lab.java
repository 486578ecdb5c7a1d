package dev.tether.agent.bypass;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The two namespaces and what runs in them. Addresses are TEST-NET-1 and the IPv6 documentation
 * prefix, assigned only inside these namespaces; nothing is sent anywhere else.
 */
final class Lab implements AutoCloseable {
  static final String DEV = "tether-bp-dev";
  static final String NET = "tether-bp-net";
  static final String DEV_V4 = "192.0.2.1";
  static final String DEV_V6 = "2001:db8::1";
  static final String OPENAI_V4 = "192.0.2.10";
  static final String OPENAI_V6 = "2001:db8::10";
  static final String ANTHROPIC_V4 = "192.0.2.11";
  static final String PLAIN_V4 = "192.0.2.20";
  static final String PLAIN_V6 = "2001:db8::20";
  static final String PROXY_V4 = "192.0.2.30";

  /** An unprivileged developer: nobody. */
  static final String UID = "65534";

  private static final Path HOSTS_DIR = Path.of("/etc/netns", DEV);
  private static final Path NET_HOSTS_DIR = Path.of("/etc/netns", NET);

  private Lab() {}

  static Lab create() throws Exception {
    Lab lab = new Lab();
    lab.destroyLeftovers();
    Files.createDirectories(HOSTS_DIR);
    Files.writeString(
        HOSTS_DIR.resolve("hosts"),
        String.join(
            "\n",
            "127.0.0.1 localhost",
            "::1 localhost",
            OPENAI_V4 + " api.openai.com",
            OPENAI_V6 + " v6.api.openai.com",
            ANTHROPIC_V4 + " api.anthropic.com",
            PLAIN_V4 + " example.org",
            PLAIN_V6 + " example.org",
            PROXY_V4 + " proxy.example.net",
            ""));
    // No resolver inside the lab: names come from the hosts file only, nothing is looked up
    // outside the namespaces.
    Files.writeString(HOSTS_DIR.resolve("resolv.conf"), "nameserver 127.0.0.1\n");
    // The internet side resolves the AI host too (for the outside proxy).
    Files.createDirectories(NET_HOSTS_DIR);
    Files.writeString(
        NET_HOSTS_DIR.resolve("hosts"), "127.0.0.1 localhost\n" + OPENAI_V4 + " api.openai.com\n");
    Files.writeString(NET_HOSTS_DIR.resolve("resolv.conf"), "nameserver 127.0.0.1\n");
    run("ip", "netns", "add", DEV).check();
    run("ip", "netns", "add", NET).check();
    run(
            "ip", "-n", DEV, "link", "add", "dev0", "type", "veth", "peer", "name", "net0", "netns",
            NET)
        .check();
    for (String ns : List.of(DEV, NET)) {
      run("ip", "-n", ns, "link", "set", "lo", "up").check();
    }
    ip(DEV, "addr", "add", DEV_V4 + "/24", "dev", "dev0");
    ip(DEV, "addr", "add", DEV_V6 + "/64", "dev", "dev0", "nodad");
    ip(DEV, "link", "set", "dev0", "up");
    for (String v4 : List.of(OPENAI_V4, ANTHROPIC_V4, PLAIN_V4, PROXY_V4)) {
      ip(NET, "addr", "add", v4 + "/24", "dev", "net0");
    }
    for (String v6 : List.of(OPENAI_V6, PLAIN_V6)) {
      ip(NET, "addr", "add", v6 + "/64", "dev", "net0", "nodad");
    }
    ip(NET, "link", "set", "net0", "up");
    return lab;
  }

  private static void ip(String ns, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("ip", "-n", ns));
    command.addAll(List.of(args));
    run(command.toArray(String[]::new)).check();
  }

  /** {@code ip netns exec DEV} as root (the agent, the redirect install). */
  static List<String> inDev(String... command) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", DEV));
    full.addAll(List.of(command));
    return full;
  }

  /** {@code ip netns exec DEV} as the unprivileged developer. */
  static List<String> inDevAsUser(String... command) {
    List<String> full =
        new ArrayList<>(
            List.of(
                "ip",
                "netns",
                "exec",
                DEV,
                "setpriv",
                "--reuid=" + UID,
                "--regid=" + UID,
                "--clear-groups"));
    full.addAll(List.of(command));
    return full;
  }

  static List<String> inNet(String... command) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", NET));
    full.addAll(List.of(command));
    return full;
  }

  /** The system Python (a per-user shim such as pyenv's is not usable by the test user). */
  static String python() {
    return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
  }

  static Result run(String... command) throws IOException, InterruptedException {
    return run(List.of(command), 60);
  }

  /** Runs to completion (bounded), stdout and stderr merged. */
  static Result run(List<String> command, int timeoutSeconds)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[][] out = new byte[1][];
    Thread reader =
        new Thread(
            () -> {
              try {
                out[0] = p.getInputStream().readNBytes(4 << 20);
              } catch (IOException e) {
                out[0] = new byte[0];
              }
            });
    reader.start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(5, TimeUnit.SECONDS);
    }
    reader.join(5000);
    return new Result(
        command,
        p.isAlive() ? -1 : p.exitValue(),
        new String(out[0] == null ? new byte[0] : out[0], StandardCharsets.UTF_8));
  }

  private void destroyLeftovers() throws Exception {
    for (String ns : List.of(DEV, NET)) {
      killAll(ns);
      run("ip", "netns", "del", ns);
    }
  }

  static void killAll(String ns) throws Exception {
    for (String pid : run("ip", "netns", "pids", ns).output().split("\\s+")) {
      if (!pid.isBlank()) {
        run("kill", "-9", pid.strip());
      }
    }
  }

  @Override
  public void close() throws Exception {
    destroyLeftovers();
    Files.deleteIfExists(HOSTS_DIR.resolve("hosts"));
    Files.deleteIfExists(HOSTS_DIR.resolve("resolv.conf"));
    Files.deleteIfExists(HOSTS_DIR);
    Files.deleteIfExists(NET_HOSTS_DIR.resolve("hosts"));
    Files.deleteIfExists(NET_HOSTS_DIR.resolve("resolv.conf"));
    Files.deleteIfExists(NET_HOSTS_DIR);
  }

  /** A finished command. */
  record Result(List<String> command, int exitCode, String output) {
    Result check() {
      if (exitCode != 0) {
        throw new AssertionError("exit " + exitCode + " from " + command + ":\n" + output);
      }
      return this;
    }
  }
}
