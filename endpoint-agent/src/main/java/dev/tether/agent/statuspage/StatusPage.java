package dev.tether.agent.statuspage;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tether.agent.enforce.ApprovalLedger;
import dev.tether.agent.enforce.CoachLedger;
import dev.tether.agent.enforce.RecentDecisions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local status page, on a loopback address only.
 *
 * <ul>
 *   <li>{@code GET /}: recent decisions and approval requests.
 *   <li>{@code GET /decisions/{id}}: one decision; for a held Coach, the acknowledgement form.
 *   <li>{@code POST /decisions/{id}/acknowledge} ({@code csrf}, {@code justification}; form
 *       encoded, at most 4 KiB): acknowledges a Coach ({@link CsrfGuard}), then 303 to the page.
 * </ul>
 *
 * Every response is {@code no-store}, refuses framing and runs no script (CSP {@code default-src
 * 'none'}).
 */
public final class StatusPage implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(StatusPage.class.getName());
  private static final Pattern DECISION =
      Pattern.compile("/decisions/([0-9a-f-]{36})(/acknowledge)?");
  private static final int MAX_FORM_BYTES = 4096;

  private final HttpServer server;
  private final ExecutorService executor;
  private final CsrfGuard guard;
  private final RecentDecisions recent;
  private final CoachLedger coach;
  private final ApprovalLedger approvals;
  private final Clock clock;
  private final Supplier<String> problem;
  private final String baseUrl;

  private StatusPage(
      HttpServer server,
      RecentDecisions recent,
      CoachLedger coach,
      ApprovalLedger approvals,
      Clock clock,
      Supplier<String> problem) {
    this.server = server;
    this.problem = problem;
    this.recent = recent;
    this.coach = coach;
    this.approvals = approvals;
    this.clock = clock;
    InetSocketAddress bound = server.getAddress();
    String authority = bound.getAddress().getHostAddress() + ":" + bound.getPort();
    this.baseUrl = "http://" + authority;
    this.guard = new CsrfGuard(authority);
    this.executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "tether-status-page");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  /**
   * Starts the page on {@code 127.0.0.1:port} (0 picks a free port).
   *
   * @throws IOException if the port cannot be bound
   */
  public static StatusPage start(
      int port, RecentDecisions recent, CoachLedger coach, ApprovalLedger approvals, Clock clock)
      throws IOException {
    return start(port, recent, coach, approvals, clock, () -> null);
  }

  /**
   * As {@link #start(int, RecentDecisions, CoachLedger, ApprovalLedger, Clock)}, showing {@code
   * problem} (the ledgers' storage problem, null when healthy) on every page.
   */
  public static StatusPage start(
      int port,
      RecentDecisions recent,
      CoachLedger coach,
      ApprovalLedger approvals,
      Clock clock,
      Supplier<String> problem)
      throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    StatusPage page = new StatusPage(server, recent, coach, approvals, clock, problem);
    server.start();
    return page;
  }

  /** {@code http://127.0.0.1:port}. */
  public String baseUrl() {
    return baseUrl;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!guard.hostAllowed(exchange.getRequestHeaders().getFirst("Host"))) {
        send(exchange, 421, "text/plain", "wrong host");
        return;
      }
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (path.equals("/") && method.equals("GET")) {
        send(
            exchange,
            200,
            "text/html",
            Html.index(recent.newestFirst(), approvals.newestFirst(), problem.get()));
        return;
      }
      Matcher m = DECISION.matcher(path);
      if (!m.matches()) {
        send(exchange, 404, "text/plain", "not found");
        return;
      }
      String id = m.group(1);
      if (m.group(2) == null && method.equals("GET")) {
        send(exchange, 200, "text/html", decisionPage(id, null));
      } else if (m.group(2) != null && method.equals("POST")) {
        acknowledge(exchange, id);
      } else {
        send(exchange, 405, "text/plain", "method not allowed");
      }
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "status page request failed: {0}", e.toString());
    }
  }

  private void acknowledge(HttpExchange exchange, String id) throws IOException {
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type == null || !type.startsWith("application/x-www-form-urlencoded")) {
      send(exchange, 415, "text/plain", "form encoding required");
      return;
    }
    Map<String, String> form;
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_FORM_BYTES + 1);
      if (body.length > MAX_FORM_BYTES) {
        send(exchange, 413, "text/plain", "form too large");
        return;
      }
      form = parseForm(new String(body, StandardCharsets.UTF_8));
    }
    try {
      guard.check(
          id,
          form.get("csrf"),
          exchange.getRequestHeaders().getFirst("Host"),
          exchange.getRequestHeaders().getFirst("Origin"),
          exchange.getRequestHeaders().getFirst("Sec-Fetch-Site"));
    } catch (SecurityException e) {
      LOG.log(
          System.Logger.Level.WARNING, "status page: refused acknowledgement: {0}", e.getMessage());
      send(exchange, 403, "text/plain", "refused: " + e.getMessage());
      return;
    }
    try {
      coach.acknowledge(id, form.get("justification"), clock.instant());
    } catch (IllegalArgumentException e) {
      send(exchange, 400, "text/html", decisionPage(id, e.getMessage()));
      return;
    }
    exchange.getResponseHeaders().set("Location", "/decisions/" + id);
    send(exchange, 303, "text/plain", "acknowledged");
  }

  private String decisionPage(String id, String message) {
    Optional<CoachLedger.Held> held = coach.held(id);
    Optional<CoachLedger.Acknowledgement> ack =
        held.flatMap(h -> coach.acknowledged(h.key(), clock.instant()));
    return Html.decision(
        id, recent.find(id), held, ack, approvals.find(id), guard.token(id), message);
  }

  private static Map<String, String> parseForm(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.putIfAbsent(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    var h = exchange.getResponseHeaders();
    h.set("Content-Type", type + "; charset=utf-8");
    h.set("Cache-Control", "no-store");
    h.set("X-Frame-Options", "DENY");
    h.set("X-Content-Type-Options", "nosniff");
    h.set("Referrer-Policy", "no-referrer");
    h.set(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
