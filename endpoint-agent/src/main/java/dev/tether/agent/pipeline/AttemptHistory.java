package dev.tether.agent.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Recent history on this device: fingerprints of prompts that were met by a blocking control, to
 * recognise repeated near-identical attempts (a developer reshaping a blocked payload until it
 * slips through is what the {@code policy-circumvention} label describes).
 *
 * <p>Holds only MinHash signatures of the redacted prompt's words (64 minima of seeded word hashes,
 * estimating word-set Jaccard similarity), never text. Bounded: at most {@value #CAPACITY} entries,
 * each forgotten after {@link #WINDOW}. Thread-safe.
 */
public final class AttemptHistory {
  static final int CAPACITY = 256;
  static final Duration WINDOW = Duration.ofMinutes(15);

  /** Estimated word-set Jaccard similarity from which two prompts are near-identical. */
  static final double MIN_SIMILARITY = 0.6;

  private static final int HASHES = 64;
  private static final int MAX_CHARS = 8_000;

  private record Entry(long[] signature, Instant at) {}

  private final Deque<Entry> blocked = new ArrayDeque<>();
  private final Clock clock;

  public AttemptHistory(Clock clock) {
    this.clock = clock;
  }

  /** How many blocked attempts near-identical to {@code redactedPrompt} are in the window. */
  public synchronized int nearIdenticalBlocked(String redactedPrompt) {
    expire();
    long[] signature = signature(redactedPrompt);
    int count = 0;
    for (Entry e : blocked) {
      if (similarity(e.signature(), signature) >= MIN_SIMILARITY) {
        count++;
      }
    }
    return count;
  }

  /** Remembers that {@code redactedPrompt} was met by a blocking control. */
  public synchronized void recordBlocked(String redactedPrompt) {
    expire();
    if (blocked.size() >= CAPACITY) {
      blocked.removeFirst();
    }
    blocked.addLast(new Entry(signature(redactedPrompt), clock.instant()));
  }

  private void expire() {
    Instant cutoff = clock.instant().minus(WINDOW);
    while (!blocked.isEmpty() && blocked.peekFirst().at().isBefore(cutoff)) {
      blocked.removeFirst();
    }
  }

  /** MinHash signature of the lower-cased words of the first {@value #MAX_CHARS} characters. */
  static long[] signature(String text) {
    String[] words =
        text.substring(0, Math.min(text.length(), MAX_CHARS))
            .toLowerCase(Locale.ROOT)
            .split("[^\\p{L}\\p{N}]+");
    long[] mins = new long[HASHES];
    java.util.Arrays.fill(mins, Long.MAX_VALUE);
    boolean any = false;
    for (String word : words) {
      if (word.isEmpty()) {
        continue;
      }
      any = true;
      long base = hash(word);
      for (int k = 0; k < HASHES; k++) {
        long h = mix(base + 0x9E3779B97F4A7C15L * (k + 1));
        if (h < mins[k]) {
          mins[k] = h;
        }
      }
    }
    return any ? mins : new long[HASHES];
  }

  /** Share of equal minima: an estimate of the word-set Jaccard similarity. */
  static double similarity(long[] a, long[] b) {
    int same = 0;
    for (int k = 0; k < HASHES; k++) {
      same += a[k] == b[k] ? 1 : 0;
    }
    return same / (double) HASHES;
  }

  /** FNV-1a 64 over UTF-8, finalised. */
  private static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return mix(h);
  }

  /** A 64-bit finaliser (murmur3 fmix64) so nearby inputs spread over all bits. */
  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb93fe53e94d3L;
    h ^= h >>> 33;
    return h;
  }
}
