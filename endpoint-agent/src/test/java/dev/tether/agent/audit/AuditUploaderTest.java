package dev.tether.agent.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.tether.agent.server.ServerClient;
import dev.tether.core.api.AuditBatch;
import dev.tether.core.api.AuditBatchResult;
import dev.tether.core.audit.AuditEvent;
import dev.tether.core.crypto.SecretBytes;
import dev.tether.core.json.JsonCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditUploaderTest {
  @TempDir Path dir;

  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    Instant now = Instant.parse("2026-05-01T09:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  /** The server's contract: stores by event id, duplicates are counted and not stored again. */
  static final class DedupingServer implements AuditSink {
    final Map<String, AuditEvent> stored = new HashMap<>();
    final List<String> received = new ArrayList<>();
    boolean down;
    boolean loseNextAck;
    int calls;

    @Override
    public AuditBatchResult upload(AuditBatch batch) throws IOException {
      calls++;
      if (down) {
        throw new IOException("connect: connection refused");
      }
      int accepted = 0;
      for (AuditEvent e : batch.events()) {
        received.add(e.eventId());
        if (stored.putIfAbsent(e.eventId(), e) == null) {
          accepted++;
        }
      }
      if (loseNextAck) {
        loseNextAck = false;
        throw new IOException("read timed out"); // stored, but the agent never hears so
      }
      return new AuditBatchResult(accepted, batch.events().size() - accepted);
    }
  }

  AuditSpool spool() throws IOException {
    return AuditSpool.open(dir, new SpoolConfig(64L << 20, 1 << 20, null));
  }

  @Test
  void faultServerDownForMinutes_everythingArrivesAfterRecovery_noDuplicates() throws Exception {
    ManualClock clock = new ManualClock();
    DedupingServer server = new DedupingServer();
    Set<String> decided = new HashSet<>();
    try (AuditSpool spool = spool()) {
      AuditUploader uploader = new AuditUploader(spool, server, clock, ms -> ms);
      server.down = true;
      // Ten minutes of deciding, one decision (three records) per second, the uploader ticking
      // every second as the daemon's task would.
      for (int second = 0; second < 600; second++) {
        List<AuditEvent> decision =
            List.of(
                AuditSpoolTest.event(clock.now),
                AuditSpoolTest.event(clock.now),
                AuditSpoolTest.event(clock.now));
        spool.append(decision);
        decision.forEach(e -> decided.add(e.eventId()));
        uploader.runOnce();
        clock.now = clock.now.plusSeconds(1);
      }
      assertEquals(1800, spool.backlog());
      assertEquals(
          clock.now.minusSeconds(600).getEpochSecond(),
          spool.status().oldestPending().getEpochSecond(),
          1);
      assertTrue(server.calls < 20, "backoff spaces retries out, got " + server.calls);
      assertTrue(uploader.lastError().contains("connection refused"));

      server.down = false;
      clock.now = clock.now.plus(AuditUploader.MAX_BACKOFF);
      assertTrue(uploader.runOnce());
      assertEquals(0, spool.backlog());
      assertEquals(decided, server.stored.keySet());
      assertEquals(server.received.size(), new HashSet<>(server.received).size(), "no resends");
    }
  }

  @Test
  void faultDuplicateBatchUpload_afterLostAck_serverCountsDuplicatesOnce() throws Exception {
    DedupingServer server = new DedupingServer();
    try (AuditSpool spool = spool()) {
      List<AuditEvent> events = new ArrayList<>();
      for (int i = 0; i < 700; i++) {
        events.add(AuditSpoolTest.event());
      }
      spool.append(events);
      AuditUploader uploader = new AuditUploader(spool, server, new ManualClock(), ms -> ms);
      server.loseNextAck = true;
      assertThrows(IOException.class, uploader::drain);
      assertEquals(700, spool.backlog(), "unacknowledged batch stays spooled");
      assertEquals(700, uploader.drain());
      assertEquals(700, server.stored.size());
      assertEquals(700 + 500, server.received.size(), "first batch of 500 was sent twice");
    }
  }

  @Test
  void drain_serverAccountsForFewerEvents_keepsBatch() throws Exception {
    try (AuditSpool spool = spool()) {
      spool.append(List.of(AuditSpoolTest.event(), AuditSpoolTest.event()));
      AuditUploader uploader =
          new AuditUploader(
              spool, batch -> new AuditBatchResult(1, 0), new ManualClock(), ms -> ms);
      assertThrows(IOException.class, uploader::drain);
      assertEquals(2, spool.backlog());
    }
  }

  @Test
  void drain_overHttp_sendsGzipAndAdvancesOnlyAfterAck() throws Exception {
    AtomicInteger status = new AtomicInteger(503);
    List<AuditBatch> received = new ArrayList<>();
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext(
        "/api/v1/agent/audit-events",
        exchange -> {
          assertEquals("gzip", exchange.getRequestHeaders().getFirst("Content-Encoding"));
          byte[] json = new GZIPInputStream(exchange.getRequestBody()).readAllBytes();
          AuditBatch batch = JsonCodec.read(json, AuditBatch.class);
          synchronized (received) {
            received.add(batch);
          }
          byte[] body =
              ("{\"accepted\":" + batch.events().size() + ",\"duplicates\":0}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status.get(), body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    http.start();
    try (AuditSpool spool = spool()) {
      spool.append(List.of(AuditSpoolTest.event(), AuditSpoolTest.event()));
      ServerClient client =
          ServerClient.authenticated(
              "http://127.0.0.1:" + http.getAddress().getPort(),
              SecretBytes.copyOf("test-credential".getBytes(StandardCharsets.UTF_8)));
      AuditUploader uploader = AuditUploader.create(spool, client::uploadAudit);
      assertFalse(uploader.runOnce());
      assertEquals(2, spool.backlog());
      status.set(200);
      assertTrue(uploader.flush(Duration.ofSeconds(10)), "flush ignores the backoff");
      assertEquals(0, spool.backlog());
      assertEquals(2, received.size());
    } finally {
      http.stop(0);
    }
    try (AuditSpool reopened = spool()) {
      assertEquals(0, reopened.backlog());
    }
  }
}
