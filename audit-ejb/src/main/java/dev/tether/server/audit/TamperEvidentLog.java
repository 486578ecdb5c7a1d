package dev.tether.server.audit;

import dev.tether.core.audit.log.AuditLeaf;
import dev.tether.core.audit.log.Checkpoint;
import dev.tether.core.audit.log.LogExport;
import dev.tether.core.audit.log.MerkleTree;
import dev.tether.core.audit.log.NoteSigner;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The tamper-evident log over the audit store: an RFC 6962 Merkle tree of every stored event's leaf
 * hash (in leaf-index order), signed checkpoints, proofs and verifiable exports. The tree lives in
 * memory and catches up from the database on each call; it only ever appends, and only a contiguous
 * run of indexes (a gap is an uncommitted batch, or a deleted row, and stops it).
 *
 * <p>Plain Java so it runs the same inside the server and in tests; the caller supplies the
 * transaction. Thread-safe (synchronized).
 */
public final class TamperEvidentLog {
  private static final System.Logger LOG = System.getLogger(TamperEvidentLog.class.getName());

  /** Most mismatches a store verification lists. */
  public static final int MAX_REPORTED = 100;

  /** Most events in one export. */
  public static final int MAX_EXPORT = 10_000;

  private static final int PAGE = 10_000;

  private final MerkleTree tree = new MerkleTree();
  private final NoteSigner signer;
  private final String origin;
  private final Clock clock;

  public TamperEvidentLog(String origin, NoteSigner signer, Clock clock) {
    this.origin = Objects.requireNonNull(origin, "origin");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public NoteSigner signer() {
    return signer;
  }

  /** Appends every committed leaf after the tree's end; returns the tree size. */
  public synchronized long catchUp(AuditRepository repository) {
    while (true) {
      List<Object[]> rows = repository.leafHashes(tree.size(), PAGE);
      int appended = 0;
      for (Object[] row : rows) {
        long index = ((Number) row[0]).longValue();
        if (index != tree.size()) {
          LOG.log(
              System.Logger.Level.WARNING,
              "audit log: leaf {0} missing (next stored is {1}); waiting for it",
              tree.size(),
              index);
          return tree.size();
        }
        tree.append(HexFormat.of().parseHex((String) row[1]));
        appended++;
      }
      if (appended < PAGE) {
        return tree.size();
      }
    }
  }

  /**
   * The newest signed checkpoint, signing (and storing) a new one first if the log grew. Runs in
   * the caller's transaction.
   */
  public synchronized String checkpoint(AuditRepository repository) {
    return checkpoint(repository, () -> {});
  }

  /**
   * As {@link #checkpoint(AuditRepository)}, running {@code guard} first in the same transaction:
   * the server passes one that locks (or, for the scheduled job, requires) the checkpoint lease, so
   * instances sharing the database sign each tree size once, one at a time. A guard that throws
   * stops it before anything is signed.
   */
  public synchronized String checkpoint(AuditRepository repository, Runnable guard) {
    guard.run();
    long size = catchUp(repository);
    AuditCheckpointRecord latest = repository.latestCheckpoint();
    if (latest != null && latest.treeSize() >= size) {
      return latest.note();
    }
    byte[] root = tree.root(size);
    String note = signer.sign(new Checkpoint(origin, size, root));
    repository.insertCheckpoint(
        new AuditCheckpointRecord(
            size, HexFormat.of().formatHex(root), note, clock.instant().toEpochMilli()));
    LOG.log(System.Logger.Level.INFO, "audit log checkpoint signed: size {0}", size);
    return note;
  }

  /** Inclusion proof of {@code eventId} in the tree of {@code treeSize} (0: the current size). */
  public synchronized InclusionProof inclusion(
      AuditRepository repository, String eventId, long treeSize) {
    long size = catchUp(repository);
    AuditRecord record = repository.find(eventId);
    if (record == null) {
      throw new IllegalArgumentException("eventId: no stored event \"" + eventId + "\"");
    }
    long at = treeSize == 0 ? size : treeSize;
    if (at > size || record.leafIndex() >= at) {
      throw new IllegalArgumentException(
          "treeSize: event is leaf "
              + record.leafIndex()
              + ", tree size must be "
              + (record.leafIndex() + 1)
              + ".."
              + size
              + ", got "
              + at);
    }
    return new InclusionProof(
        eventId, record.leafIndex(), at, base64(tree.inclusionProof(record.leafIndex(), at)));
  }

  /** Consistency proof between two tree sizes. */
  public synchronized ConsistencyProof consistency(
      AuditRepository repository, long first, long second) {
    long size = catchUp(repository);
    if (first < 0 || first > second || second > size) {
      throw new IllegalArgumentException(
          "consistency: expected 0 <= first <= second <= "
              + size
              + ", got "
              + first
              + ", "
              + second);
    }
    return new ConsistencyProof(first, second, base64(tree.consistencyProof(first, second)));
  }

  /**
   * A tenant's events from leaf {@code fromIndex} on (at most {@code limit}), each with its proof
   * against a freshly signed checkpoint. Event content comes from the stored rows, so a row
   * rewritten in the database fails offline verification.
   */
  public synchronized LogExport export(
      AuditRepository repository, String tenant, long fromIndex, int limit) {
    return export(repository, () -> {}, tenant, fromIndex, limit);
  }

  /** As {@link #export(AuditRepository, String, long, int)}, signing under {@code guard}. */
  public synchronized LogExport export(
      AuditRepository repository, Runnable guard, String tenant, long fromIndex, int limit) {
    if (limit < 1 || limit > MAX_EXPORT) {
      throw new IllegalArgumentException("limit: expected 1.." + MAX_EXPORT + ", got " + limit);
    }
    String note = checkpoint(repository, guard);
    long size = tree.size();
    List<LogExport.Entry> entries = new ArrayList<>();
    for (AuditRecord record : repository.tenantRecords(tenant, fromIndex, limit)) {
      if (record.leafIndex() >= size) {
        break;
      }
      entries.add(
          new LogExport.Entry(
              record.leafIndex(),
              record.toEvent(),
              base64(tree.inclusionProof(record.leafIndex(), size))));
    }
    return new LogExport(note, entries);
  }

  /**
   * Re-hashes every stored event from its row content and compares it with its leaf in the tree:
   * finds rows rewritten in the database even when their leaf-hash column was left alone.
   */
  public synchronized StoreVerification verifyStore(AuditRepository repository) {
    long size = catchUp(repository);
    long checked = 0;
    List<String> mismatched = new ArrayList<>();
    for (long from = 0; from < size; ) {
      List<AuditRecord> page = repository.recordsFrom(from, PAGE);
      if (page.isEmpty()) {
        break;
      }
      for (AuditRecord record : page) {
        if (record.leafIndex() >= size) {
          break;
        }
        checked++;
        boolean same;
        try {
          same =
              MessageDigest.isEqual(
                  AuditLeaf.hash(record.toEvent()), tree.leafHash(record.leafIndex()));
        } catch (RuntimeException e) {
          same = false; // a row no longer even decodes into a valid event
        }
        if (!same && mismatched.size() < MAX_REPORTED) {
          mismatched.add(record.eventId);
        }
      }
      from = page.get(page.size() - 1).leafIndex() + 1;
      repository.detachAll(); // keep memory flat over millions of rows
    }
    if (!mismatched.isEmpty()) {
      LOG.log(
          System.Logger.Level.ERROR,
          "audit store verification: {0} stored events do not match the signed log: {1}",
          mismatched.size(),
          mismatched);
    }
    return new StoreVerification(checked, size, mismatched);
  }

  private static List<String> base64(List<byte[]> hashes) {
    return hashes.stream().map(h -> Base64.getEncoder().encodeToString(h)).toList();
  }
}
