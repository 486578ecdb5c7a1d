package dev.tether.server.audit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka (KRaft: broker and controller in one process) for tests, run as a child
 * JVM from the {@code org.apache.kafka:kafka_2.13} artifacts on the test classpath: storage
 * formatted with {@code kafka.tools.StorageTool}, started with {@code kafka.Kafka}, on free
 * loopback ports. {@link #kill()} and {@link #start()} restart it on the same ports and log
 * directory.
 */
final class KafkaBroker implements AutoCloseable {
  final Path dir;
  final int port;
  private final int controllerPort;
  private Process process;

  private KafkaBroker(Path dir, int port, int controllerPort) {
    this.dir = dir;
    this.port = port;
    this.controllerPort = controllerPort;
  }

  private static KafkaBroker shared;

  /**
   * One broker for every Kafka test class of this JVM (starting one costs tens of seconds on a busy
   * machine); stopped when the JVM exits. Tests that kill it start it again before they end.
   */
  static synchronized KafkaBroker shared() throws Exception {
    if (shared == null) {
      shared = startNew();
      KafkaBroker broker = shared;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      broker.close();
                    } catch (Exception e) {
                      // exiting anyway
                    }
                  }));
    }
    if (!shared.process.isAlive()) {
      shared.start();
    }
    return shared;
  }

  static KafkaBroker startNew() throws Exception {
    Path dir = Files.createTempDirectory("tether-kafka-");
    KafkaBroker broker = new KafkaBroker(dir, freePort(), freePort());
    broker.writeConfig();
    broker
        .java(
            List.of(
                "kafka.tools.StorageTool",
                "format",
                "-t",
                Uuid.randomUuid().toString(),
                "-c",
                dir.resolve("server.properties").toString()),
            dir.resolve("format.log"))
        .waitFor(120, TimeUnit.SECONDS);
    broker.start();
    return broker;
  }

  String bootstrap() {
    return "127.0.0.1:" + port;
  }

  /** Starts the broker process and waits until it serves metadata. */
  void start() throws Exception {
    process =
        java(
            List.of("kafka.Kafka", dir.resolve("server.properties").toString()),
            dir.resolve("broker.log"));
    Properties admin = new Properties();
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
    admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException("kafka exited: " + tail());
      }
      if (listening()) {
        try (Admin client = Admin.create(admin)) {
          client.describeCluster().nodes().get(5, TimeUnit.SECONDS);
          return;
        } catch (Exception e) {
          // not ready yet
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("kafka did not start in 90 s: " + tail());
      }
      Thread.sleep(250);
    }
  }

  /**
   * Creates {@code topic} (3 partitions) and waits until every partition has a leader. A topic
   * auto-created by the first send right after the broker started can stay leaderless for longer
   * than a producer's delivery timeout when the machine is overloaded; creating it first keeps that
   * start-up effect out of tests and measurements.
   */
  void createTopic(String topic) throws Exception {
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    try (Admin admin = Admin.create(config)) {
      admin
          .createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 3, (short) 1)))
          .all()
          .get(60, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (System.nanoTime() < deadline) {
        org.apache.kafka.clients.admin.TopicDescription description =
            admin
                .describeTopics(List.of(topic))
                .allTopicNames()
                .get(30, TimeUnit.SECONDS)
                .get(topic);
        if (description.partitions().stream()
            .allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
          return;
        }
        Thread.sleep(200);
      }
      throw new IllegalStateException("topic " + topic + " has no leader after 120 s");
    }
  }

  /** SIGKILL: a crash, no clean shutdown. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    if (process != null) {
      kill();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private boolean listening() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private String tail() throws IOException {
    String log = Files.readString(dir.resolve("broker.log"), StandardCharsets.UTF_8);
    return log.substring(Math.max(0, log.length() - 3000));
  }

  private void writeConfig() throws IOException {
    String config =
        String.join(
            "\n",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
            "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
            "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
            "controller.listener.names=CONTROLLER",
            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "inter.broker.listener.name=PLAINTEXT",
            "log.dirs=" + dir.resolve("data"),
            "num.partitions=3",
            "offsets.topic.replication.factor=1",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            "auto.create.topics.enable=true",
            "");
    Files.writeString(dir.resolve("server.properties"), config);
  }

  private Process java(List<String> mainAndArgs, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.addAll(mainAndArgs);
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
