package dev.tether.agent.enforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real child JVM acknowledging Coach requests (appends and compactions) is killed with SIGKILL;
 * the journal must reopen without quarantine, keep every acknowledgement that had returned, lose at
 * most the one in flight, and hold no acknowledgement that was never given.
 */
class LedgerCrashTest {
  static final int ROUNDS = 2;
  // Two appends per acknowledgement: the first round passes 256 appends, so it also compacts
  // (temporary file + rename), and the kill may land in either.
  static final int PER_ROUND = 140;

  @TempDir Path dir;

  static String id(int n) {
    return String.format("00000000-0000-4000-8000-%012d", n);
  }

  static RequestKey request(int n) {
    return new RequestKey("sha256:" + String.format("%064x", n), "alice", "api.openai.com");
  }

  @Test
  void faultKillDashNineWhileAcknowledging_keepsEveryDurableEntry_grantsNothingExtra()
      throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      int first = round * 10_000;
      int durable = killWhileWriting(first, PER_ROUND + round * 37);
      LedgerKey key = LedgerKey.loadOrCreate(dir.resolve("ledger.key"));
      CoachLedger ledger = CoachLedger.open(dir.resolve("coach.journal"), key, Clock.systemUTC());
      assertNull(ledger.problem(), "round " + round + ": a crash is not tampering");
      Instant now = Instant.now();
      int present = first;
      while (ledger.acknowledged(request(present), now, Duration.ofHours(1)).isPresent()) {
        assertEquals(
            "justification " + present,
            ledger.acknowledged(request(present), now, Duration.ofHours(1)).get().justification());
        present++;
      }
      assertTrue(
          present > durable,
          "round "
              + round
              + ": acknowledged up to "
              + durable
              + ", reopened up to "
              + (present - 1));
      for (int i = present; i < present + 50; i++) {
        assertTrue(
            ledger.acknowledged(request(i), now, Duration.ofHours(1)).isEmpty(),
            "no hole and nothing beyond what was given: " + i);
      }
    }
  }

  /** Starts the writer, waits until it reports {@code first + atLeast}, kills it; returns last. */
  private int killWhileWriting(int first, int atLeast) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                LedgerWriterMain.class.getName(),
                dir.toString(),
                Integer.toString(first))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    int last = -1;
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
      String line;
      while ((line = out.readLine()) != null) {
        last = Integer.parseInt(line.trim());
        if (last >= first + atLeast) {
          break;
        }
      }
      child.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no close()
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    } finally {
      child.destroyForcibly();
    }
    assertTrue(last >= first + atLeast, "child stopped early after " + last);
    return last;
  }
}
