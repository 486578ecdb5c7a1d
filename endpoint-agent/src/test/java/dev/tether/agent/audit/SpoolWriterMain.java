package dev.tether.agent.audit;

import java.nio.file.Path;
import java.util.List;

/**
 * Child process for {@link AuditSpoolCrashTest}: appends decisions forever and prints the count of
 * records made durable after each append, until it is killed.
 */
public final class SpoolWriterMain {
  private SpoolWriterMain() {}

  public static void main(String[] args) throws Exception {
    try (AuditSpool spool =
        AuditSpool.open(Path.of(args[0]), new SpoolConfig(256L << 20, 64 * 1024, null))) {
      long durable = 0;
      while (true) {
        spool.append(List.of(AuditSpoolTest.event(), AuditSpoolTest.event()));
        durable += 2;
        System.out.println(durable);
        System.out.flush();
      }
    }
  }
}
