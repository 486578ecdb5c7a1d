package dev.tether.agent.testsupport;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.tether.agent.tls.DeviceCa;
import dev.tether.agent.tls.LeafMinter;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A real HTTPS server on 127.0.0.1 standing in for an OpenAI-compatible API, with a certificate for
 * {@code host} issued by a test CA. Records every request body it receives, so tests can prove a
 * blocked request never arrived.
 */
public final class TestUpstream implements AutoCloseable {
  public final CountDownLatch streamGate = new CountDownLatch(1);
  public final List<String> bodies = new CopyOnWriteArrayList<>();
  public final HttpsServer server;
  public final DeviceCa ca;

  /** An upstream with a {@code localhost} certificate. */
  public TestUpstream(DeviceCa ca) throws Exception {
    this(ca, "localhost");
  }

  /** An upstream with a certificate for {@code host} (a DNS name or an IP literal). */
  public TestUpstream(DeviceCa ca, String host) throws Exception {
    this.ca = ca;
    KeyPair keys = generateKeys();
    X509Certificate leaf = new LeafMinter(ca, 1).mint(host, keys);
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(
        "leaf", keys.getPrivate(), "pw".toCharArray(), new Certificate[] {leaf, ca.certificate()});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, "pw".toCharArray());
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(kmf.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(ssl));
    server.createContext(
        "/v1/chat/completions",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          bodies.add(new String(body, StandardCharsets.UTF_8));
          byte[] reply = replyFor(body.length).getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.getResponseHeaders().add("X-Upstream", "real");
          exchange.sendResponseHeaders(201, reply.length);
          exchange.getResponseBody().write(reply);
          exchange.close();
        });
    server.createContext(
        "/v1/stream",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
          exchange.sendResponseHeaders(200, 0);
          OutputStream out = exchange.getResponseBody();
          out.write("data: first\n\n".getBytes(StandardCharsets.UTF_8));
          out.flush();
          try {
            streamGate.await(5, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          out.write("data: second\n\n".getBytes(StandardCharsets.UTF_8));
          exchange.close();
        });
    server.start();
  }

  private static KeyPair generateKeys() throws Exception {
    java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
    generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public Path writeCaPem(Path dir) throws Exception {
    Path file = dir.resolve("upstream-ca-" + System.nanoTime() + ".pem");
    Files.write(file, ca.certificatePem());
    return file;
  }

  /** The JSON body the upstream answers to a chat request of {@code requestBytes} bytes. */
  public static String replyFor(int requestBytes) {
    return "{\"id\":\"chatcmpl-1\",\"echo\":" + requestBytes + "}";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
