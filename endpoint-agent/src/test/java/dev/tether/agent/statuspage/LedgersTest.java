package dev.tether.agent.statuspage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.agent.enforce.CoachLedger;
import dev.tether.agent.enforce.RequestKey;
import dev.tether.core.api.ApprovalFiling;
import dev.tether.core.api.ApprovalList;
import dev.tether.core.api.ApprovalStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening the persistent ledgers: key checks, fail-closed start, and how the problem is shown. */
class LedgersTest {
  static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
  static final RequestKey KEY = new RequestKey("sha256:" + "ab".repeat(32), "alice", "localhost");

  @TempDir Path dir;

  Path ledger() {
    return dir.resolve("ledger");
  }

  static void acknowledge(CoachLedger coach) {
    coach.hold(new CoachLedger.Held(ID, KEY, "source code", Duration.ofHours(1)), Instant.now());
    coach.acknowledge(ID, "approved by the team lead", Instant.now());
  }

  @Test
  void open_createsPrivateKeyAndDirectory_andReopensWithEntries() throws Exception {
    Ledgers first = Ledgers.open(ledger(), Clock.systemUTC());
    assertNull(first.problem());
    acknowledge(first.coach());
    assertEquals(
        "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ledger())));
    Path key = ledger().resolve(Ledgers.KEY);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    assertEquals(32, Files.size(key));
    Ledgers second = Ledgers.open(ledger(), Clock.systemUTC());
    assertNull(second.problem());
    assertTrue(second.coach().acknowledged(KEY, Instant.now()).isPresent());
  }

  @Test
  void keyReadableByOthers_isReplaced_andJournalsQuarantined() throws Exception {
    acknowledge(Ledgers.open(ledger(), Clock.systemUTC()).coach());
    Path key = ledger().resolve(Ledgers.KEY);
    byte[] old = Files.readAllBytes(key);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

    Ledgers reopened = Ledgers.open(ledger(), Clock.systemUTC());
    assertTrue(reopened.problem().contains("ledger key replaced"), reopened.problem());
    assertTrue(
        reopened.coach().acknowledged(KEY, Instant.now()).isEmpty(), "a leaked key grants nothing");
    assertTrue(reopened.coach().problem().contains("MAC mismatch"), reopened.coach().problem());
    assertTrue(!Arrays.equals(old, Files.readAllBytes(key)), "new key");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
  }

  @Test
  void unusableDirectory_keepsLedgersInMemory_andSaysSo() throws Exception {
    Files.writeString(ledger(), "not a directory");
    Ledgers ledgers = Ledgers.open(ledger(), Clock.systemUTC());
    assertTrue(ledgers.problem().contains("memory only"), ledgers.problem());
    acknowledge(ledgers.coach());
    assertTrue(ledgers.coach().acknowledged(KEY, Instant.now()).isPresent(), "still works");
  }

  @Test
  void corruptedJournal_agentStartsEmpty_andStatusPageSaysSo() throws Exception {
    acknowledge(Ledgers.open(ledger(), Clock.systemUTC()).coach());
    Path journal = ledger().resolve(Ledgers.COACH);
    byte[] bytes = Files.readAllBytes(journal);
    bytes[bytes.length / 2] ^= 0x20;
    Files.write(journal, bytes);

    try (LocalModes modes =
        new LocalModes(() -> null, new NoConsole(), Clock.systemUTC(), ledger())) {
      assertTrue(modes.problem().contains("coach ledger quarantined"), modes.problem());
      modes.start(0);
      HttpResponse<String> page =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(modes.baseUrl() + "/")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(200, page.statusCode());
      assertTrue(page.body().contains("coach ledger quarantined"), page.body());
      assertTrue(page.body().contains("role=\"alert\""), page.body());
      HttpResponse<String> decision =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(modes.baseUrl() + "/decisions/" + ID)).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertTrue(!decision.body().contains("Acknowledged"), "nothing survived the quarantine");
    }
    try (LocalModes healthy =
        new LocalModes(() -> null, new NoConsole(), Clock.systemUTC(), ledger())) {
      assertNull(healthy.problem(), "the next start is clean again");
    }
    try (var listing = Files.list(ledger())) {
      assertNotEquals(
          0, listing.filter(p -> p.getFileName().toString().contains(".quarantined-")).count());
    }
  }

  static final class NoConsole implements dev.tether.agent.enforce.ApprovalSync.Console {
    @Override
    public ApprovalStatus file(ApprovalFiling filing) throws Exception {
      throw new java.io.IOException("offline");
    }

    @Override
    public ApprovalList list() throws Exception {
      throw new java.io.IOException("offline");
    }
  }
}
