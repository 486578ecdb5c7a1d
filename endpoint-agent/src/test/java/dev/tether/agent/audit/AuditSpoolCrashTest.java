package dev.tether.agent.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real child JVM writing the spool is killed with SIGKILL; the spool must stay readable. */
class AuditSpoolCrashTest {
  @TempDir Path dir;

  @Test
  void faultKillDashNineDuringSpoolWrite_leavesReadableSpool() throws Exception {
    for (int round = 0; round < 3; round++) {
      long durable = killWhileWriting(300 + round * 137);
      try (AuditSpool spool = AuditSpool.open(dir, new SpoolConfig(256L << 20, 64 * 1024, null))) {
        SpoolStatus status = spool.status();
        assertTrue(
            spool.backlog() >= durable,
            "round "
                + round
                + ": "
                + durable
                + " records were durable, "
                + spool.backlog()
                + " survived");
        assertEquals(0, status.corruptRecords(), "round " + round);
        assertEquals(0, status.chainBreaks(), "round " + round);
        assertTrue(status.tornRecords() <= 1, "at most the last record torn");
        List<?> events = spool.nextBatch(1_000_000, Integer.MAX_VALUE).events();
        assertEquals(spool.backlog(), events.size());
      }
    }
  }

  /**
   * Starts the writer, waits until {@code atLeast} records are durable, kills it; returns count.
   */
  private long killWhileWriting(long atLeast) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                SpoolWriterMain.class.getName(),
                dir.toString())
            .redirectErrorStream(false)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    long durable = 0;
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
      String line;
      while ((line = out.readLine()) != null) {
        durable = Long.parseLong(line.trim());
        if (durable >= atLeast) {
          break;
        }
      }
      child.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no close()
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    } finally {
      child.destroyForcibly();
    }
    assertTrue(durable >= atLeast, "child stopped early after " + durable + " records");
    return durable;
  }
}
