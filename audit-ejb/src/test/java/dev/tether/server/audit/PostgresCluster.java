package dev.tether.server.audit;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real, throw-away PostgreSQL cluster for tests: {@code initdb} in a temp directory, started on a
 * free loopback port with a private socket directory, run as the {@code postgres} user when the
 * test runs as root (PostgreSQL refuses to run as root). Without PostgreSQL installed the test is
 * skipped with a loud message, except under {@code CI=true} where it fails ({@code .ci/run}
 * installs the {@code postgresql} package). Shared through this module's test jar (console-war's
 * two-instance ClusterIT runs the server on it).
 */
public final class PostgresCluster implements AutoCloseable {
  public static final String SUPERUSER = "tether";

  final Path dir;
  public final int port;
  private final Path bin;
  private final boolean asPostgres;

  private PostgresCluster(Path dir, int port, Path bin, boolean asPostgres) {
    this.dir = dir;
    this.port = port;
    this.bin = bin;
    this.asPostgres = asPostgres;
  }

  /** Starts a cluster with {@code fsync} on or off. */
  public static PostgresCluster start(boolean fsync) throws Exception {
    Path bin = findBin();
    if (bin == null) {
      String message =
          "PostgreSQL (initdb, pg_ctl) not found: the PostgreSQL audit-store tests did NOT run."
              + " Install the Debian package 'postgresql' (.ci/run does).";
      if ("true".equals(System.getenv("CI"))) {
        fail(message);
      }
      System.err.println("*** SKIPPED *** " + message);
      Assumptions.abort(message);
    }
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("tether-pg-");
    if (root) {
      UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
      Files.setOwner(dir, users.lookupPrincipalByName("postgres"));
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    PostgresCluster cluster = new PostgresCluster(dir, port, bin, root);
    cluster.run(
        "initdb",
        "-D",
        dir.resolve("data").toString(),
        "-U",
        SUPERUSER,
        "--auth=trust",
        "-E",
        "UTF8",
        "--no-locale",
        "--no-sync");
    cluster.run(
        "pg_ctl",
        "-D",
        dir.resolve("data").toString(),
        "-l",
        dir.resolve("server.log").toString(),
        "-w",
        "-t",
        "60",
        "-o",
        "-p "
            + port
            + " -k "
            + dir
            + " -c listen_addresses=127.0.0.1 -c fsync="
            + (fsync ? "on" : "off"),
        "start");
    try (Connection c = cluster.connect("postgres", SUPERUSER, "");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE tether");
      s.execute("CREATE ROLE tether_app LOGIN PASSWORD 'app-password'");
      s.execute("GRANT CREATE, USAGE ON SCHEMA public TO tether_app");
    }
    try (Connection c = cluster.connect("tether", SUPERUSER, "");
        Statement s = c.createStatement()) {
      s.execute("GRANT USAGE ON SCHEMA public TO tether_app");
    }
    return cluster;
  }

  public String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  public Connection connect(String database, String user, String password) throws SQLException {
    return DriverManager.getConnection(url(database), user, password);
  }

  /** The audit persistence unit on this cluster's {@code tether} database as {@code user}. */
  JpaStore store(String user, String password) {
    return new JpaStore(url("tether"), user, password);
  }

  private void run(String tool, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    if (asPostgres) {
      command.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    command.add(bin.resolve(tool).toString());
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(tool + ".out").toFile())
            .start();
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      String out = Files.readString(dir.resolve(tool + ".out"), StandardCharsets.UTF_8);
      Path log = dir.resolve("server.log");
      throw new IOException(
          tool
              + " failed: "
              + out
              + (Files.exists(log) ? "\nserver log:\n" + Files.readString(log) : ""));
    }
  }

  private static Path findBin() throws IOException {
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> versions = Files.list(debian)) {
        Path newest =
            versions
                .filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                .max(Comparator.comparingInt(PostgresCluster::major))
                .orElse(null);
        if (newest != null) {
          return newest.resolve("bin");
        }
      }
    }
    for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, "initdb"))) {
        return Path.of(entry).toRealPath().resolve("initdb").toRealPath().getParent();
      }
    }
    return null;
  }

  private static int major(Path versionDir) {
    try {
      return Integer.parseInt(versionDir.getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  @Override
  public void close() throws Exception {
    try {
      run("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
    } finally {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
