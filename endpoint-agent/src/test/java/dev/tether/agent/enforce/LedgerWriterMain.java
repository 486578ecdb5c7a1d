package dev.tether.agent.enforce;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Child process for {@link LedgerCrashTest}: acknowledges Coach requests {@code first, first+1,
 * ...} in the ledger under {@code args[0]} until killed, printing each number once its
 * acknowledgement has returned (is durable).
 */
public final class LedgerWriterMain {
  private LedgerWriterMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int first = Integer.parseInt(args[1]);
    LedgerKey key = LedgerKey.loadOrCreate(dir.resolve("ledger.key"));
    CoachLedger ledger = CoachLedger.open(dir.resolve("coach.journal"), key, Clock.systemUTC());
    for (int i = first; ; i++) {
      Instant now = Instant.now();
      ledger.hold(
          new CoachLedger.Held(
              LedgerCrashTest.id(i), LedgerCrashTest.request(i), "crash test", Duration.ofHours(1)),
          now);
      ledger.acknowledge(LedgerCrashTest.id(i), "justification " + i, Duration.ofHours(1), now);
      System.out.println(i);
      System.out.flush();
    }
  }
}
