package dev.tether.agent.bypass;

import com.sun.jna.Library;
import com.sun.jna.Native;
import dev.tether.nativehooks.linux.LinuxProcessAttribution;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Benchmark (not a test; run by {@code endpoint-agent/bench/redirect-overhead.sh}, as root): in the
 * bypass lab, connection set-up time (TCP connect + TLS handshake + first response byte) and bulk
 * download throughput, through the OS redirect and the agent versus direct (table deleted), plus
 * the cost of process attribution alone. Prints a table; asserts nothing.
 */
public final class RedirectOverheadBench {
  interface Libc extends Library {
    Libc INSTANCE = Native.load("c", Libc.class);

    int open(String path, int flags);

    int setns(int fd, int nstype);
  }

  private RedirectOverheadBench() {}

  public static void main(String[] args) throws Exception {
    int connections = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    long bulkBytes = args.length > 1 ? Long.parseLong(args[1]) : 1L << 30;
    Path work = Files.createTempDirectory("tether-bench");
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (Lab lab = Lab.create();
        FakeInternet internet = FakeInternet.start(work.resolve("internet"));
        LabAgent agent =
            new LabAgent(
                LabAgent.requiredJar(),
                work.resolve("agent-state"),
                internet.caPem(),
                work.resolve("agent.log"))) {
      agent.enrollWithPolicy();
      agent.installRedirect().check();
      agent.start();
      Path bundle = work.resolve("ca.pem");
      Files.writeString(
          bundle,
          Files.readString(agent.state.caCertificate()) + Files.readString(internet.caPem()));
      Files.setPosixFilePermissions(bundle, PosixFilePermissions.fromString("rw-r--r--"));

      System.out.println("warm-up ...");
      client(bundle, "example.org", 100, 0);
      client(bundle, "api.openai.com", 50, 0);
      String passThrough = client(bundle, "example.org", connections, bulkBytes);
      String intercepted = client(bundle, "api.openai.com", connections / 2, 0);
      Lab.run(Lab.inDev("nft", "delete", "table", "inet", "tether"), 30).check();
      client(bundle, "example.org", 100, 0);
      String direct = client(bundle, "example.org", connections, bulkBytes);
      agent.installRedirect().check();

      System.out.println();
      System.out.println("| path | n | setup p50 ms | setup p99 ms | bulk MB/s |");
      System.out.println("|---|---|---|---|---|");
      System.out.println("| direct (no redirect) | " + direct);
      System.out.println("| redirect + agent, non-AI pass-through | " + passThrough);
      System.out.println("| redirect + agent, AI host intercepted (TLS by agent) | " + intercepted);
      System.out.println();
      System.out.println(attribution(connections));
    } finally {
      try (var files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Runs the Python timing client as the developer; returns "n | p50 | p99 | MB/s |". */
  private static String client(Path bundle, String host, int n, long bulk) throws Exception {
    String code =
        String.join(
            "\n",
            "import socket, ssl, time",
            "ctx = ssl.create_default_context(cafile='" + bundle + "')",
            "ts = []",
            "for i in range(" + n + "):",
            "    t0 = time.perf_counter()",
            "    s = ctx.wrap_socket(socket.create_connection(('"
                + host
                + "', 443)),"
                + " server_hostname='"
                + host
                + "')",
            "    s.sendall(b'GET / HTTP/1.1\\r\\nHost: "
                + host
                + "\\r\\nConnection: close\\r\\n\\r\\n')",
            "    s.recv(1)",
            "    ts.append((time.perf_counter() - t0) * 1000)",
            "    s.close()",
            "ts.sort()",
            "mbs = '-'",
            "if " + bulk + " > 0:",
            "    s = ctx.wrap_socket(socket.create_connection(('"
                + host
                + "', 443)),"
                + " server_hostname='"
                + host
                + "')",
            "    s.sendall(b'GET /bulk/"
                + bulk
                + " HTTP/1.1\\r\\nHost: "
                + host
                + "\\r\\nConnection: close\\r\\n\\r\\n')",
            "    t0 = time.perf_counter(); got = 0",
            "    while True:",
            "        b = s.recv(1 << 20)",
            "        if not b: break",
            "        got += len(b)",
            "    mbs = '%.0f' % (got / (time.perf_counter() - t0) / 1e6)",
            "print('%d | %.2f | %.2f | %s |' % (len(ts), ts[len(ts)//2], ts[int(len(ts)*0.99)-1], mbs))");
    Lab.Result r = Lab.run(Lab.inDevAsUser(Lab.python(), "-c", code), 600).check();
    String[] lines = r.output().strip().split("\n");
    return lines[lines.length - 1];
  }

  /** Attribution alone (sock_diag + bounded /proc scan), cold and with the recent-owner hint. */
  private static String attribution(int n) throws Exception {
    var exec =
        Executors.newSingleThreadExecutor(
            r ->
                new Thread(
                    () -> {
                      int fd = Libc.INSTANCE.open("/var/run/netns/" + Lab.DEV, 0);
                      Libc.INSTANCE.setns(fd, 0x40000000);
                      r.run();
                    }));
    Future<String> result =
        exec.submit(
            () -> {
              try (ServerSocketChannel server = ServerSocketChannel.open()) {
                server.bind(new InetSocketAddress("127.0.0.1", 0));
                InetSocketAddress at = (InetSocketAddress) server.getLocalAddress();
                double[] cold = new double[n];
                double[] warm = new double[n];
                LinuxProcessAttribution shared = new LinuxProcessAttribution();
                int procs =
                    new java.io.File("/proc").list((d, name) -> name.matches("\\d+")).length;
                for (int i = 0; i < n; i++) {
                  try (SocketChannel client = SocketChannel.open(at);
                      SocketChannel accepted = server.accept()) {
                    InetSocketAddress peer = (InetSocketAddress) accepted.getRemoteAddress();
                    long t0 = System.nanoTime();
                    if (new LinuxProcessAttribution().lookup(peer, at).isEmpty()) {
                      throw new AssertionError("attribution failed");
                    }
                    long t1 = System.nanoTime();
                    shared.lookup(peer, at);
                    long t2 = System.nanoTime();
                    cold[i] = (t1 - t0) / 1e6;
                    warm[i] = (t2 - t1) / 1e6;
                  }
                }
                Arrays.sort(cold);
                Arrays.sort(warm);
                return String.format(
                    "attribution (%d processes in /proc, n=%d): cold p50 %.2f ms p99 %.2f ms;"
                        + " cached owner p50 %.2f ms p99 %.2f ms",
                    procs,
                    n,
                    cold[n / 2],
                    cold[(int) (n * 0.99) - 1],
                    warm[n / 2],
                    warm[(int) (n * 0.99) - 1]);
              }
            });
    try {
      return result.get();
    } finally {
      exec.shutdownNow();
    }
  }
}
