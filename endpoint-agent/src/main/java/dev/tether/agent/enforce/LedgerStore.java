package dev.tether.agent.enforce;

import java.io.IOException;
import java.util.Collection;
import java.util.List;

/**
 * Where a ledger keeps its entries: nowhere (memory only) or a {@link LedgerJournal}. Persisting
 * never throws: a failure is logged at ERROR and kept as {@link #problem()} for the status, and the
 * entry stays in memory (persistence only decides what survives a restart; it never grants). Called
 * under the owning ledger's lock.
 */
final class LedgerStore<E> {
  private static final System.Logger LOG = System.getLogger(LedgerStore.class.getName());

  private final LedgerJournal<E> journal;
  private final String name;
  private volatile String problem;

  private LedgerStore(LedgerJournal<E> journal, String name, String problem) {
    this.journal = journal;
    this.name = name;
    this.problem = problem;
  }

  static <E> LedgerStore<E> memory() {
    return new LedgerStore<>(null, "memory", null);
  }

  /** A store over an opened journal; logs what {@link LedgerJournal#open} had to do. */
  static <E> LedgerStore<E> journal(LedgerJournal.Loaded<E> loaded, String name) {
    String problem = null;
    if (loaded.problem() != null) {
      problem = name + " ledger quarantined, started empty: " + loaded.problem();
      LOG.log(System.Logger.Level.ERROR, "{0}", problem);
    } else if (loaded.tornTail()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "{0} ledger: a torn last entry (crash during a write) was dropped",
          name);
    }
    LOG.log(
        System.Logger.Level.INFO, "{0} ledger: {1} entries loaded", name, loaded.records().size());
    return new LedgerStore<>(loaded.journal(), name, problem);
  }

  /** Appends {@code entry}; compacts to {@code live} when the journal asks for it. */
  void append(E entry, Collection<E> live) {
    if (journal == null) {
      return;
    }
    try {
      if (journal.wantsRewrite(live.size())) {
        journal.rewrite(List.copyOf(live));
      } else {
        journal.append(entry);
      }
    } catch (IOException | RuntimeException e) {
      fail(e);
      // The journal may be full of superseded lines: try once to compact.
      rewrite(live);
    }
  }

  /** Replaces the journal with exactly {@code live}. */
  void rewrite(Collection<E> live) {
    if (journal == null) {
      return;
    }
    try {
      journal.rewrite(List.copyOf(live));
    } catch (IOException | RuntimeException e) {
      fail(e);
    }
  }

  String problem() {
    return problem;
  }

  private void fail(Exception e) {
    problem = name + " ledger not persisted: " + e.getMessage();
    LOG.log(System.Logger.Level.ERROR, "{0}", problem);
  }
}
