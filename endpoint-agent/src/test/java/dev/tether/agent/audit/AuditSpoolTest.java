package dev.tether.agent.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import dev.tether.agent.server.ServerClient;
import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.AuditLayer;
import dev.tether.core.crypto.SecretBytes;
import dev.tether.core.policy.ResponseMode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditSpoolTest {
  @TempDir Path dir;

  static AuditEvent event() {
    return new AuditEvent(
        AuditEvent.newId(),
        AuditEvent.newId(),
        Instant.now(),
        "dev-1",
        "alice",
        AuditLayer.POLICY,
        ResponseMode.ALLOW,
        "ok",
        "api.openai.com",
        "OPENAI",
        3,
        List.of(),
        0,
        "sha256:00",
        10);
  }

  AuditSpool open() throws IOException {
    return AuditSpool.open(dir.resolve("spool.log"), dir.resolve("upload-offset"), 1 << 20);
  }

  @Test
  void append_reopen_recordsSurvive() throws Exception {
    AuditEvent a = event();
    AuditEvent b = event();
    try (AuditSpool spool = open()) {
      spool.append(List.of(a, b));
    }
    try (AuditSpool spool = open()) {
      assertEquals(2, spool.backlog());
      assertEquals(List.of(a, b), spool.nextBatch(10).events());
    }
  }

  @Test
  void open_tornLastLine_isDetectedAndSkipped() throws Exception {
    AuditEvent a = event();
    try (AuditSpool spool = open()) {
      spool.append(List.of(a));
    }
    Files.writeString(
        dir.resolve("spool.log"), "0badc0de {\"eventId\":\"trunc", StandardOpenOption.APPEND);
    try (AuditSpool spool = open()) {
      assertEquals(1, spool.backlog());
      spool.append(List.of(event()));
      assertEquals(2, spool.nextBatch(10).events().size());
    }
  }

  @Test
  void nextBatch_corruptChecksum_skipsLine() throws Exception {
    try (AuditSpool spool = open()) {
      spool.append(List.of(event()));
    }
    Path file = dir.resolve("spool.log");
    String text = Files.readString(file).replace("\"alice\"", "\"mallory\"");
    Files.writeString(file, text);
    try (AuditSpool spool = open()) {
      AuditSpool.Batch batch = spool.nextBatch(10);
      assertEquals(0, batch.events().size());
      assertEquals(1, batch.lines());
      assertEquals(1, spool.corruptLines());
    }
  }

  @Test
  void append_overBound_throws() throws Exception {
    try (AuditSpool spool = AuditSpool.open(dir.resolve("s"), dir.resolve("o"), 100)) {
      assertThrows(IOException.class, () -> spool.append(List.of(event())));
    }
  }

  @Test
  void drain_offsetAdvancesOnlyAfterServerAck() throws Exception {
    AtomicInteger status = new AtomicInteger(503);
    AtomicInteger received = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/v1/agent/audit-events",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          received.incrementAndGet();
          byte[] body = "{\"accepted\":2,\"duplicates\":0}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status.get(), body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try (AuditSpool spool = open()) {
      spool.append(List.of(event(), event()));
      AuditUploader uploader =
          new AuditUploader(
              spool,
              ServerClient.authenticated(
                  "http://127.0.0.1:" + server.getAddress().getPort(),
                  SecretBytes.copyOf("test-credential".getBytes(StandardCharsets.UTF_8))));
      assertThrows(IOException.class, uploader::drain);
      assertEquals(0, spool.uploadOffset());
      assertEquals(2, spool.backlog());
      assertEquals(false, Files.exists(dir.resolve("upload-offset")));

      status.set(200);
      assertEquals(2, uploader.drain());
      assertEquals(0, spool.backlog());
      assertEquals(
          Files.size(dir.resolve("spool.log")),
          Long.parseLong(Files.readString(dir.resolve("upload-offset")).trim()));
      assertEquals(2, received.get());
    } finally {
      server.stop(0);
    }
    try (AuditSpool reopened = open()) {
      assertEquals(0, reopened.backlog());
    }
  }
}
