package dev.tether.server.web;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Payara Micro process running {@code target/tether.war} as one instance of a cluster: its own
 * port, root directory and log, the shared data directory and database given by the caller.
 */
final class MicroInstance implements AutoCloseable {
  final String id;
  final int port;
  final Path log;
  private final Process process;

  private MicroInstance(String id, int port, Path log, Process process) {
    this.id = id;
    this.port = port;
    this.log = log;
    this.process = process;
  }

  /** Starts the instance (does not wait for it). */
  static MicroInstance start(
      String id, Path work, Path dataDir, Path postBoot, Path jdbcDriver, List<String> properties)
      throws IOException {
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-Dtether.data.dir=" + dataDir);
    command.add("-Dtether.instance.id=" + id);
    properties.forEach(p -> command.add("-D" + p));
    command.addAll(
        List.of(
            "-jar",
            Path.of(System.getProperty("payara.microJar")).toString(),
            "--deploy",
            Path.of("target/tether.war").toAbsolutePath().toString(),
            "--rootdir",
            work.resolve("root-" + id).toString(),
            "--port",
            String.valueOf(port),
            "--nocluster",
            "--addlibs",
            jdbcDriver.toString(),
            "--postbootcommandfile",
            postBoot.toString()));
    Path log = work.resolve(id + ".log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new MicroInstance(id, port, log, process);
  }

  URI base() {
    return URI.create("http://127.0.0.1:" + port + "/tether/");
  }

  /** Waits until {@code /health/ready} answers 200; fails with the log's tail otherwise. */
  void awaitReady(Duration timeout) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError(id + " exited with " + process.exitValue() + ":\n" + tail());
      }
      try {
        if (client
                .send(
                    HttpRequest.newBuilder(health("ready")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError(id + " not ready within " + timeout + ":\n" + tail());
  }

  URI health(String which) {
    return URI.create("http://127.0.0.1:" + port + "/health/" + which);
  }

  /** The instance's log so far. */
  String logText() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  /** Kills the process at once (SIGKILL): no shutdown hooks, no lease release. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  boolean alive() {
    return process.isAlive();
  }

  private String tail() throws IOException {
    String text = logText();
    return text.length() > 6000 ? text.substring(text.length() - 6000) : text;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }
}
