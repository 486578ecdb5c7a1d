package dev.tether.agent.policy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tether.core.api.AgentApi;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real local HTTP server speaking the bundle endpoint, with hostile modes: endless data, a
 * trickle of one byte at a time, and normal ETag/304 behaviour.
 */
final class BundleServer implements AutoCloseable {
  enum Mode {
    NORMAL,
    ENDLESS,
    TRICKLE
  }

  final AtomicReference<byte[]> body = new AtomicReference<>();
  final AtomicReference<Mode> mode = new AtomicReference<>(Mode.NORMAL);
  final AtomicInteger requests = new AtomicInteger();
  final AtomicReference<String> lastIfNoneMatch = new AtomicReference<>();
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();

  BundleServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(executor);
    server.createContext(AgentApi.BUNDLE, this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  static String etagOf(byte[] bytes) {
    return "\"e" + Integer.toHexString(Arrays.hashCode(bytes)) + "\"";
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    lastIfNoneMatch.set(exchange.getRequestHeaders().getFirst("If-None-Match"));
    try (exchange) {
      switch (mode.get()) {
        case ENDLESS -> {
          exchange.sendResponseHeaders(200, 0);
          byte[] chunk = new byte[64 * 1024];
          Arrays.fill(chunk, (byte) '{');
          OutputStream out = exchange.getResponseBody();
          // Endless for any sane client: 1 GiB, stopped when the client hangs up.
          for (int i = 0; i < 16 * 1024; i++) {
            out.write(chunk);
          }
        }
        case TRICKLE -> {
          byte[] bytes = body.get();
          exchange.sendResponseHeaders(200, bytes.length);
          OutputStream out = exchange.getResponseBody();
          for (byte b : bytes) {
            out.write(b);
            out.flush();
            Thread.sleep(100);
          }
        }
        case NORMAL -> {
          byte[] bytes = body.get();
          if (bytes == null) {
            exchange.sendResponseHeaders(404, -1);
            return;
          }
          String etag = etagOf(bytes);
          exchange.getResponseHeaders().add("ETag", etag);
          if (etag.equals(lastIfNoneMatch.get())) {
            exchange.sendResponseHeaders(304, -1);
            return;
          }
          exchange.sendResponseHeaders(200, bytes.length);
          exchange.getResponseBody().write(bytes);
        }
      }
    } catch (IOException | InterruptedException e) {
      // the client hung up (what the hostile modes are waiting for)
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
