package dev.tether.agent.statuspage;

import dev.tether.agent.enforce.ApprovalLedger;
import dev.tether.agent.enforce.CoachLedger;
import dev.tether.agent.enforce.LedgerKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;

/**
 * Opens the persistent Coach and Request ledgers in {@code ledger/} of the state directory: {@code
 * ledger.key} (HMAC key, 0600), {@code coach.journal}, {@code approvals.journal}. A key that is not
 * private to this user (or has the wrong length) is moved aside and replaced, which makes the
 * existing journals fail verification, so they are quarantined: fail closed.
 *
 * @param problem what went wrong while opening, or {@code null}
 */
record Ledgers(CoachLedger coach, ApprovalLedger approvals, String problem) {
  private static final System.Logger LOG = System.getLogger(Ledgers.class.getName());

  static final String KEY = "ledger.key";
  static final String COACH = "coach.journal";
  static final String APPROVALS = "approvals.journal";

  /** Opens the ledgers in {@code dir} (memory only when {@code dir} is null). Never throws. */
  static Ledgers open(Path dir, Clock clock) {
    if (dir == null) {
      return new Ledgers(new CoachLedger(), new ApprovalLedger(), null);
    }
    String problem = null;
    try {
      Files.createDirectories(dir);
      restrictDirectory(dir);
      LedgerKey key;
      try {
        key = LedgerKey.loadOrCreate(dir.resolve(KEY));
      } catch (IOException e) {
        problem = "ledger key replaced (ledgers quarantined): " + e.getMessage();
        LOG.log(System.Logger.Level.ERROR, "{0}", problem);
        Files.move(
            dir.resolve(KEY),
            dir.resolve(KEY + ".rejected-" + clock.millis()),
            StandardCopyOption.REPLACE_EXISTING);
        key = LedgerKey.loadOrCreate(dir.resolve(KEY));
      }
      return new Ledgers(
          CoachLedger.open(dir.resolve(COACH), key, clock),
          ApprovalLedger.open(dir.resolve(APPROVALS), key, clock),
          problem);
    } catch (IOException | RuntimeException e) {
      problem = "ledgers kept in memory only (" + dir + " unusable): " + e.getMessage();
      LOG.log(System.Logger.Level.ERROR, "{0}", problem);
      return new Ledgers(new CoachLedger(), new ApprovalLedger(), problem);
    }
  }

  private static void restrictDirectory(Path dir) throws IOException {
    if (Files.isSymbolicLink(dir)) {
      throw new IOException(dir + ": is a symbolic link");
    }
    try {
      Files.setPosixFilePermissions(
          dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException e) {
      // Windows: the state directory's ACL applies.
    }
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(dir + ": not a directory");
    }
  }
}
