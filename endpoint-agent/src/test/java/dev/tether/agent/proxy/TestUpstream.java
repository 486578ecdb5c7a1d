package dev.tether.agent.proxy;

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

/** A real HTTPS server on 127.0.0.1 with a {@code localhost} certificate from a test CA. */
final class TestUpstream implements AutoCloseable {
  final CountDownLatch streamGate = new CountDownLatch(1);
  final List<String> bodies = new CopyOnWriteArrayList<>();
  final HttpsServer server;
  final DeviceCa ca;

  TestUpstream(DeviceCa ca) throws Exception {
    this.ca = ca;
    KeyPair keys = generateKeys();
    X509Certificate leaf = new LeafMinter(ca, 1).mint("localhost", keys);
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("leaf", keys.getPrivate(), "pw".toCharArray(),
        new Certificate[] {leaf, ca.certificate()});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, "pw".toCharArray());
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(kmf.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(ssl));
    server.createContext("/v1/chat/completions", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      bodies.add(new String(body, StandardCharsets.UTF_8));
      byte[] reply = ("{\"id\":\"chatcmpl-1\",\"echo\":" + body.length + "}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.getResponseHeaders().add("X-Upstream", "real");
      exchange.sendResponseHeaders(201, reply.length);
      exchange.getResponseBody().write(reply);
      exchange.close();
    });
    server.createContext("/v1/stream", exchange -> {
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

  int port() {
    return server.getAddress().getPort();
  }

  Path writeCaPem(Path dir) throws Exception {
    Path file = dir.resolve("upstream-ca-" + System.nanoTime() + ".pem");
    Files.write(file, ca.certificatePem());
    return file;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
