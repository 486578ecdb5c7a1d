package dev.tether.core.rules.tradesecret;

import java.util.Arrays;

/**
 * Winnowing (Schleimer, Wilkerson, Aiken, SIGMOD 2003) over normalised code tokens: hash every
 * k-gram of {@link #K} tokens, and in every window of {@link #W} consecutive k-gram hashes select
 * the minimum (the rightmost on ties), recording it once per position. Any run of at least {@code W
 * + K - 1} tokens shared by two texts yields at least one shared selected hash; runs shorter than
 * {@code K} tokens never do.
 *
 * <p>Normalisation (the same for registered code and requests): comments ({@code //}, {@code #} to
 * end of line, {@code /* ... *}{@code /}) and whitespace are dropped; an identifier, keyword or
 * number is one token, lowercased; every other character is a one-character token (quotes all count
 * as {@code "}); a backslash escape {@code \n}, {@code \r} or {@code \t} counts as whitespace, so
 * code inside a JSON string still tokenises like the original. Identifiers are not replaced by a
 * placeholder: that would make boilerplate of every code base match.
 *
 * <p>One pass, time linear in the text, memory proportional to the number of selected hashes.
 */
final class Winnowing {
  /** Tokens per k-gram (the noise threshold). */
  static final int K = 10;

  /** K-grams per window (density about 2 / (W + 1) of the tokens); a power of two. */
  static final int W = 16;

  private static final int W_MASK = W - 1;

  private static final long BASE = 0x9E3779B97F4A7C15L;
  private static final long BASE_POW_K_MINUS_1 = power(BASE, K - 1);

  /** Selected hashes and the character span of each one's k-gram, in text order. */
  record Selection(long[] hashes, int[] starts, int[] ends, int size) {}

  private final long[] tokenHashes = new long[K];
  private final int[] tokenStarts = new int[K];
  private final long[] windowHashes = new long[W];
  private final int[] windowStarts = new int[W];
  private final int[] windowEnds = new int[W];
  private final long[] windowIndex = new long[W];
  private int head;
  private int tail;
  private long tokens;
  private int tokenSlot;
  private long kgrams;
  private long rolling;
  private long lastSelected = -1;
  private long[] hashes = new long[64];
  private int[] starts = new int[64];
  private int[] ends = new int[64];
  private int size;

  private Winnowing() {}

  /**
   * The winnowed k-gram hashes of {@code text}.
   *
   * @param stripComments true to drop comments with their content (registered code, and the first
   *     view of a request); false to drop only comment markers (the second view)
   */
  static Selection select(CharSequence text, boolean stripComments) {
    Winnowing w = new Winnowing();
    CodeTokenizer.tokenize(text, stripComments, w::token);
    w.finish();
    return new Selection(w.hashes, w.starts, w.ends, w.size);
  }

  private void token(long hash, int start, int end) {
    int slot = tokenSlot;
    if (tokens >= K) {
      rolling -= tokenHashes[slot] * BASE_POW_K_MINUS_1;
    }
    rolling = rolling * BASE + hash;
    tokenHashes[slot] = hash;
    tokenStarts[slot] = start;
    tokens++;
    tokenSlot = slot + 1 == K ? 0 : slot + 1;
    if (tokens >= K) {
      // The next slot holds the oldest token of the k-gram that just completed.
      kgram(mix(rolling), tokenStarts[tokenSlot], end);
    }
  }

  private void kgram(long hash, int start, int end) {
    long index = kgrams++;
    // Monotonic deque: hashes increase from head to tail; equal ones give way to the newer.
    while (tail > head && windowHashes[(tail - 1) & W_MASK] >= hash) {
      tail--;
    }
    int slot = tail & W_MASK;
    windowHashes[slot] = hash;
    windowStarts[slot] = start;
    windowEnds[slot] = end;
    windowIndex[slot] = index;
    tail++;
    while (windowIndex[head & W_MASK] <= index - W) {
      head++;
    }
    if (index >= W - 1) {
      selectHead();
    }
    if (head >= W && tail >= W) {
      head -= W;
      tail -= W;
    }
  }

  private void finish() {
    if (kgrams > 0 && kgrams < W) {
      selectHead();
    }
  }

  private void selectHead() {
    int slot = head & W_MASK;
    if (windowIndex[slot] == lastSelected) {
      return;
    }
    lastSelected = windowIndex[slot];
    if (size == hashes.length) {
      hashes = Arrays.copyOf(hashes, size * 2);
      starts = Arrays.copyOf(starts, size * 2);
      ends = Arrays.copyOf(ends, size * 2);
    }
    hashes[size] = windowHashes[slot];
    starts[size] = windowStarts[slot];
    ends[size] = windowEnds[slot];
    size++;
  }

  /** The splitmix64 finaliser: spreads the polynomial hash so minima are unbiased. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static long power(long base, int exponent) {
    long result = 1;
    for (int i = 0; i < exponent; i++) {
      result *= base;
    }
    return result;
  }
}
