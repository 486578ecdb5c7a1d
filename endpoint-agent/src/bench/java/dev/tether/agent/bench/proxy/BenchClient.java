package dev.tether.agent.bench.proxy;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Load generator: raw HTTP/1.1 over TLS with keep-alive, directly to the upstream or through an
 * explicit proxy (CONNECT), so the same client measures the direct path, Tether and mitmproxy.
 *
 * <pre>
 * BenchClient latency    PROXY|direct UPSTREAM_PORT TRUST_PEM N WARMUP
 * BenchClient throughput PROXY|direct UPSTREAM_PORT TRUST_PEM CONNECTIONS SECONDS
 * BenchClient ttfb       PROXY|direct UPSTREAM_PORT TRUST_PEM N WARMUP
 * BenchClient handshake  PROXY        UPSTREAM_PORT TRUST_PEM N cold|warm
 * </pre>
 *
 * PROXY is {@code host:port}. Every result line is {@code key=value} pairs; non-2xx answers are
 * counted as errors and reported.
 */
public final class BenchClient {
  static final byte[] PROMPT = prompt(4096);

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    String proxy = args[1].equals("direct") ? null : args[1];
    int upstreamPort = Integer.parseInt(args[2]);
    SSLContext ssl = trusting(args[3]);
    switch (mode) {
      case "latency" -> latency(ssl, proxy, upstreamPort, Integer.parseInt(args[4]), Integer.parseInt(args[5]), false);
      case "ttfb" -> latency(ssl, proxy, upstreamPort, Integer.parseInt(args[4]), Integer.parseInt(args[5]), true);
      case "throughput" -> throughput(ssl, proxy, upstreamPort, Integer.parseInt(args[4]), Integer.parseInt(args[5]));
      case "handshake" -> handshake(ssl, proxy, upstreamPort, Integer.parseInt(args[4]), args[5].equals("cold"));
      default -> throw new IllegalArgumentException(mode);
    }
  }

  /** A ~{@code size}-byte OpenAI chat request about code, with nothing a detector flags. */
  static byte[] prompt(int size) {
    StringBuilder code = new StringBuilder();
    for (int i = 0; code.length() < size - 200; i++) {
      code.append("def step_").append(i).append("(values):\\n    total = sum(v * v for v in values)\\n")
          .append("    return total / max(len(values), 1)\\n\\n");
    }
    String json =
        "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"system\",\"content\":\"You review Python.\"},"
            + "{\"role\":\"user\",\"content\":\"Why is this slow?\\n"
            + code
            + "\"}],\"temperature\":0.2}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  static SSLContext trusting(String pem) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    try (FileInputStream in = new FileInputStream(pem)) {
      int i = 0;
      for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca" + i++, (X509Certificate) cert);
      }
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(null, tmf.getTrustManagers(), null);
    return ssl;
  }

  static SSLSocket open(SSLContext ssl, String proxy, String host, int port) throws IOException {
    Socket socket;
    if (proxy == null) {
      socket = new Socket("127.0.0.1", port);
    } else {
      String[] hp = proxy.split(":");
      socket = new Socket(hp[0], Integer.parseInt(hp[1]));
      socket.getOutputStream()
          .write(("CONNECT 127.0.0.1:" + port + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      String head = readHead(socket.getInputStream());
      if (!head.startsWith("HTTP/1.1 200") && !head.startsWith("HTTP/1.0 200")) {
        throw new IOException("CONNECT refused: " + head);
      }
    }
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(30_000);
    SSLSocket tls = (SSLSocket) ssl.getSocketFactory().createSocket(socket, host, port, true);
    SSLParameters parameters = tls.getSSLParameters();
    parameters.setServerNames(List.of(new SNIHostName(host)));
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    parameters.setApplicationProtocols(new String[] {"http/1.1"});
    tls.setSSLParameters(parameters);
    tls.startHandshake();
    return tls;
  }

  static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int last4 = 0;
    while (last4 != 0x0d0a0d0a) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed in response head");
      }
      head.write(b);
      last4 = (last4 << 8) | b;
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  /**
   * Sends one request and reads the whole response; returns nanos to the first body byte (or to
   * the end for non-streamed), negative if the status was not 2xx.
   */
  static long exchange(SSLSocket tls, String host, boolean stream) throws IOException {
    OutputStream out = tls.getOutputStream();
    InputStream in = tls.getInputStream();
    String path = stream ? "/v1/stream" : "/v1/chat/completions";
    long start = System.nanoTime();
    out.write(("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
            + "Content-Length: " + PROMPT.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(PROMPT);
    out.flush();
    String head = readHead(in);
    boolean ok = head.startsWith("HTTP/1.1 2");
    String lower = head.toLowerCase(Locale.ROOT);
    long firstByte = -1;
    int cl = lower.indexOf("content-length:");
    if (cl >= 0) {
      int end = lower.indexOf('\r', cl);
      int length = Integer.parseInt(lower.substring(cl + 15, end).trim());
      byte[] body = in.readNBytes(length);
      firstByte = System.nanoTime();
      if (body.length < length) {
        throw new IOException("short body");
      }
    } else {
      while (true) {
        String size = line(in);
        int n = Integer.parseInt(size.split(";")[0].trim(), 16);
        if (n == 0) {
          line(in);
          break;
        }
        in.readNBytes(n);
        if (firstByte < 0) {
          firstByte = System.nanoTime();
        }
        line(in);
      }
    }
    long elapsed = (stream ? firstByte : System.nanoTime()) - start;
    return ok ? elapsed : -elapsed;
  }

  static String line(InputStream in) throws IOException {
    StringBuilder s = new StringBuilder();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("closed");
      }
      if (b != '\r') {
        s.append((char) b);
      }
    }
    return s.toString();
  }

  static void latency(SSLContext ssl, String proxy, int port, int n, int warmup, boolean stream)
      throws Exception {
    SSLSocket tls = open(ssl, proxy, "localhost", port);
    int errors = 0;
    for (int i = 0; i < warmup; i++) {
      if (exchange(tls, "localhost", stream) < 0) {
        errors++;
      }
    }
    long[] samples = new long[n];
    for (int i = 0; i < n; i++) {
      long t = exchange(tls, "localhost", stream);
      if (t < 0) {
        errors++;
        t = -t;
      }
      samples[i] = t;
    }
    tls.close();
    Arrays.sort(samples);
    System.out.printf(
        Locale.ROOT,
        "mode=%s n=%d p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f mean_ms=%.3f errors=%d%n",
        stream ? "ttfb" : "latency",
        n,
        samples[n / 2] / 1e6,
        samples[(int) (n * 0.90)] / 1e6,
        samples[(int) (n * 0.99)] / 1e6,
        Arrays.stream(samples).average().orElse(0) / 1e6,
        errors);
  }

  static void throughput(SSLContext ssl, String proxy, int port, int connections, int seconds)
      throws Exception {
    AtomicLong done = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long warmupEnd = System.nanoTime() + 3_000_000_000L;
    long end = warmupEnd + seconds * 1_000_000_000L;
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      Thread t =
          new Thread(
              () -> {
                try (SSLSocket tls = open(ssl, proxy, "localhost", port)) {
                  while (true) {
                    long now = System.nanoTime();
                    if (now > end) {
                      break;
                    }
                    long r = exchange(tls, "localhost", false);
                    if (System.nanoTime() > warmupEnd && System.nanoTime() <= end) {
                      if (r < 0) {
                        errors.incrementAndGet();
                      } else {
                        done.incrementAndGet();
                      }
                    }
                  }
                } catch (IOException e) {
                  errors.incrementAndGet();
                }
              });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    System.out.printf(
        Locale.ROOT,
        "mode=throughput connections=%d seconds=%d requests=%d rps=%.1f errors=%d%n",
        connections,
        seconds,
        done.get(),
        done.get() / (double) seconds,
        errors.get());
  }

  static void handshake(SSLContext ssl, String proxy, int port, int n, boolean cold)
      throws Exception {
    long[] samples = new long[n];
    String run = Long.toString(System.nanoTime(), 36);
    for (int i = -20; i < n; i++) {
      String host = cold ? "h" + run + "x" + (i + 20) + ".bench.test" : "warm.bench.test";
      long start = System.nanoTime();
      SSLSocket tls = open(ssl, proxy, host, port);
      long t = System.nanoTime() - start;
      tls.close();
      if (i >= 0) {
        samples[i] = t;
      }
    }
    Arrays.sort(samples);
    System.out.printf(
        Locale.ROOT,
        "mode=handshake cache=%s n=%d p50_ms=%.3f p99_ms=%.3f%n",
        cold ? "cold" : "warm",
        n,
        samples[n / 2] / 1e6,
        samples[(int) (n * 0.99)] / 1e6);
  }
}
