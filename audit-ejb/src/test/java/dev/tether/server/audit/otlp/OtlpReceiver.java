package dev.tether.server.audit.otlp;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * A real OTLP/HTTP trace receiver for tests: a JDK HttpServer on an ephemeral loopback port that
 * accepts {@code POST /v1/traces} with a protobuf {@link ExportTraceServiceRequest} (gzip or not),
 * decodes it and keeps every span with its resource attributes. Bodies are bounded (16 MiB).
 */
public final class OtlpReceiver implements AutoCloseable {
  private static final int MAX_BODY = 16 << 20;

  /** One received span and the resource attributes it was exported with. */
  public record Received(Span span, List<KeyValue> resource) {
    public String traceId() {
      return HexFormat.of().formatHex(span.getTraceId().toByteArray());
    }

    public String spanId() {
      return HexFormat.of().formatHex(span.getSpanId().toByteArray());
    }

    public String parentSpanId() {
      return HexFormat.of().formatHex(span.getParentSpanId().toByteArray());
    }

    public String name() {
      return span.getName();
    }

    /** The attribute's value rendered as text ({@code null} when absent). */
    public String attribute(String key) {
      for (KeyValue kv : span.getAttributesList()) {
        if (kv.getKey().equals(key)) {
          return render(kv.getValue());
        }
      }
      return null;
    }

    /** Every text on this span: name, attribute keys and values, events, status, resource. */
    public List<String> allText() {
      List<String> out = new ArrayList<>();
      out.add(span.getName());
      out.add(span.getStatus().getMessage());
      for (KeyValue kv : span.getAttributesList()) {
        out.add(kv.getKey());
        out.add(render(kv.getValue()));
      }
      for (Span.Event event : span.getEventsList()) {
        out.add(event.getName());
        event.getAttributesList().forEach(kv -> out.add(render(kv.getValue())));
      }
      for (KeyValue kv : resource) {
        out.add(render(kv.getValue()));
      }
      return out;
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newSingleThreadExecutor();
  private final List<Received> spans = new CopyOnWriteArrayList<>();
  private final List<String> contentTypes = new CopyOnWriteArrayList<>();
  private volatile Duration delay = Duration.ZERO;

  /** A receiver on an ephemeral loopback port. */
  public OtlpReceiver() throws IOException {
    this(0);
  }

  /** A receiver on loopback {@code port} (0: ephemeral), e.g. one reserved for a server IT. */
  public OtlpReceiver(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    server.createContext(
        "/v1/traces",
        exchange -> {
          try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
              exchange.sendResponseHeaders(405, -1);
              return;
            }
            contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
              exchange.sendResponseHeaders(413, -1);
              return;
            }
            InputStream in = new ByteArrayInputStream(body);
            if ("gzip"
                .equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
              in = new GZIPInputStream(in);
            }
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(in);
            sleep(delay);
            for (ResourceSpans rs : request.getResourceSpansList()) {
              for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (Span span : ss.getSpansList()) {
                  spans.add(new Received(span, rs.getResource().getAttributesList()));
                }
              }
            }
            byte[] response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, response.length == 0 ? -1 : response.length);
            if (response.length > 0) {
              exchange.getResponseBody().write(response);
            }
          } catch (IOException | RuntimeException e) {
            exchange.sendResponseHeaders(400, -1);
          }
        });
    server.setExecutor(executor);
    server.start();
  }

  /** The traces endpoint, e.g. {@code http://127.0.0.1:PORT/v1/traces}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces");
  }

  /** Holds every export this long before answering (a slow collector). */
  public void delay(Duration value) {
    this.delay = value;
  }

  public List<Received> spans() {
    return List.copyOf(spans);
  }

  public List<String> contentTypes() {
    return List.copyOf(contentTypes);
  }

  /** Waits (at most {@code timeout}) until a received span matches, and returns it. */
  public Received await(Predicate<Received> match, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (Received r : spans) {
        if (match.test(r)) {
          return r;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no matching span received within " + timeout + "; got " + names());
  }

  private List<String> names() {
    return spans.stream().map(Received::name).toList();
  }

  static String render(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
      case INT_VALUE -> Long.toString(value.getIntValue());
      case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
      case ARRAY_VALUE -> {
        List<String> parts = new ArrayList<>();
        value.getArrayValue().getValuesList().forEach(v -> parts.add(render(v)));
        yield String.join(",", parts);
      }
      case KVLIST_VALUE -> value.getKvlistValue().toString();
      case BYTES_VALUE -> value.getBytesValue().toStringUtf8();
      default -> "";
    };
  }

  private static void sleep(Duration d) {
    if (d.isZero()) {
      return;
    }
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
