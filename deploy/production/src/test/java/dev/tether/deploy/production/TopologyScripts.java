package dev.tether.deploy.production;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs {@code deploy/production/up.sh} and {@code down.sh} on free loopback ports with a private
 * home directory. Missing prerequisites (haproxy, PostgreSQL, the built WAR) skip the test with a
 * loud message, except under {@code CI=true} where they fail it ({@code .ci/run} installs them).
 */
final class TopologyScripts {
  final Path repo;
  final Path home;
  final int lbPort;
  final int[] instancePorts;
  private final Map<String, String> env;

  private TopologyScripts(
      Path repo, Path home, int lbPort, int[] instancePorts, Map<String, String> env) {
    this.repo = repo;
    this.home = home;
    this.lbPort = lbPort;
    this.instancePorts = instancePorts;
    this.env = env;
  }

  /** Checks prerequisites and reserves ports for {@code instances} instances. */
  static TopologyScripts prepare(int instances) throws IOException {
    Path repo = Path.of(System.getProperty("user.dir")).resolve("../..").normalize();
    List<String> missing = new ArrayList<>();
    if (!onPath("haproxy")) {
      missing.add("haproxy (Debian package haproxy)");
    }
    if (!hasPostgres()) {
      missing.add("PostgreSQL initdb/pg_ctl (Debian package postgresql)");
    }
    for (String artefact :
        List.of(
            "console-war/target/tether.war",
            "console-war/target/payara-micro.jar",
            "deploy/production/target/lib/postgresql.jar",
            "deploy/production/target/kafka-lib")) {
      if (!Files.exists(repo.resolve(artefact))) {
        missing.add(artefact + " (mvn package)");
      }
    }
    if (!missing.isEmpty()) {
      String message =
          "production topology test did NOT run; missing: "
              + String.join(", ", missing)
              + ". .ci/run installs the packages.";
      if ("true".equals(System.getenv("CI"))) {
        fail(message);
      }
      System.err.println("*** SKIPPED *** " + message);
      Assumptions.abort(message);
    }
    Path home = Path.of(System.getProperty("tether.topology.home", "target/topology-it"));
    deleteTree(home);
    Files.createDirectories(home);
    int[] ports = freePorts(instances + 4);
    int[] instancePorts = new int[instances];
    StringBuilder list = new StringBuilder();
    for (int i = 0; i < instances; i++) {
      instancePorts[i] = ports[4 + i];
      list.append(i == 0 ? "" : ",").append(ports[4 + i]);
    }
    Map<String, String> env =
        Map.of(
            "TETHER_LB_PORT", Integer.toString(ports[0]),
            "TETHER_PG_PORT", Integer.toString(ports[1]),
            "TETHER_KAFKA_PORT", Integer.toString(ports[2]),
            "TETHER_KAFKA_CONTROLLER_PORT", Integer.toString(ports[3]),
            "TETHER_INSTANCE_PORTS", list.toString(),
            "TETHER_SKIP_BUILD", "1",
            "TETHER_START_TIMEOUT", "300",
            "TETHER_STOP_TIMEOUT", "30",
            "TETHER_INSTANCE_HEAP", "384m");
    return new TopologyScripts(repo, home.toAbsolutePath(), ports[0], instancePorts, env);
  }

  /** Runs up.sh with {@code args}; returns its output, failing with it on a non-zero exit. */
  String up(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("deploy/production/up.sh", "--home", home.toString()));
    command.addAll(List.of(args));
    return run(command, 900);
  }

  /** Runs down.sh; returns its output, failing with it on a non-zero exit. */
  String down() throws Exception {
    return run(List.of("deploy/production/down.sh", "--home", home.toString()), 240);
  }

  /** Runs up.sh again while the topology runs: must refuse (exit 1). */
  String upExpectingRefusal() throws Exception {
    Process p =
        start(List.of("deploy/production/up.sh", "--home", home.toString()), "up-again.log");
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("second up.sh did not return in 60 s");
    }
    String out = Files.readString(home.resolve("up-again.log"), StandardCharsets.UTF_8);
    if (p.exitValue() == 0) {
      fail("second up.sh over a running topology exited 0:\n" + out);
    }
    return out;
  }

  /** The pids up.sh recorded, by process name. */
  Map<String, Long> pids() throws IOException {
    Map<String, Long> pids = new java.util.TreeMap<>();
    try (Stream<Path> files = Files.list(home.resolve("run"))) {
      for (Path f : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
        String name = f.getFileName().toString().replace(".pid", "");
        pids.put(name, Long.parseLong(Files.readString(f).trim()));
      }
    }
    return pids;
  }

  String adminToken() throws IOException {
    return Files.readString(home.resolve("data/admin-token")).trim();
  }

  private String run(List<String> command, int timeoutSeconds) throws Exception {
    String log = command.get(0).contains("down") ? "down.log" : "up.log";
    Process p = start(command, log);
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(command.get(0) + " did not finish in " + timeoutSeconds + " s:\n" + tail(log));
    }
    String out = Files.readString(home.resolve(log), StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      fail(command.get(0) + " exited " + p.exitValue() + ":\n" + out + logs());
    }
    return out;
  }

  private Process start(List<String> command, String log) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(repo.toFile())
            .redirectErrorStream(true)
            .redirectOutput(home.resolve(log).toFile());
    pb.environment().putAll(env);
    return pb.start();
  }

  private String tail(String log) throws IOException {
    String s = Files.readString(home.resolve(log), StandardCharsets.UTF_8);
    return s.substring(Math.max(0, s.length() - 4000));
  }

  /** The end of every component log, for a failure message. */
  String logs() throws IOException {
    StringBuilder out = new StringBuilder();
    Path dir = home.resolve("logs");
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.sorted().toList()) {
          String s = Files.readString(f, StandardCharsets.UTF_8);
          out.append("\n--- ").append(f.getFileName()).append(" (end) ---\n");
          out.append(s, Math.max(0, s.length() - 2500), s.length());
        }
      }
    }
    return out.toString();
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return Files.isExecutable(Path.of("/usr/sbin", tool));
  }

  private static boolean hasPostgres() throws IOException {
    Path debian = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(debian)) {
      return false;
    }
    try (Stream<Path> versions = Files.list(debian)) {
      return versions.anyMatch(v -> Files.isExecutable(v.resolve("bin/initdb")));
    }
  }

  private static int[] freePorts(int n) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[n];
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        sockets.add(s);
        ports[i] = s.getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket s : sockets) {
        s.close();
      }
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
