package dev.tether.models.judge;

import dev.tether.models.encoder.WordPieceTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bounded long-payload strategy: which token windows of a text the encoder sees.
 *
 * <ul>
 *   <li>Up to {@value #WINDOW} WordPiece tokens: the whole text, one window.
 *   <li>Up to two windows' worth: head and tail windows, covering everything.
 *   <li>Longer: the head window, the tail window, and the window around the first redaction
 *       placeholder (a rule finding) that neither covers; at most {@value #MAX_WINDOWS} windows.
 * </ul>
 *
 * <p>Cost is bounded whatever the payload size: texts longer than {@value #FULL_TOKENIZE_CHARS}
 * characters are never tokenised whole, only the character ranges the windows can come from, so the
 * encoder work is at most {@value #MAX_WINDOWS} x {@value #WINDOW} tokens and the tokenizer work a
 * few thousand characters.
 */
public final class TokenWindows {
  /** WordPiece tokens per window ([CLS] and [SEP] come on top). */
  public static final int WINDOW = 126;

  public static final int MAX_WINDOWS = 3;

  static final int FULL_TOKENIZE_CHARS = 4_000;
  private static final int SLICE_CHARS = 1_500;
  private static final Pattern PLACEHOLDER = Pattern.compile("\\[[A-Z0-9_]+_[0-9]+\\]");

  private TokenWindows() {}

  /** The windows of {@code text}; never empty (an empty text gives one empty window). */
  public static List<int[]> select(String text, WordPieceTokenizer tokenizer) {
    List<int[]> windows = new ArrayList<>(MAX_WINDOWS);
    if (text.length() <= FULL_TOKENIZE_CHARS) {
      List<Integer> ids = tokenizer.tokenize(text);
      if (ids.size() <= WINDOW) {
        windows.add(toArray(ids, 0, ids.size()));
        return windows;
      }
      windows.add(toArray(ids, 0, WINDOW));
      windows.add(toArray(ids, ids.size() - WINDOW, ids.size()));
      if (ids.size() <= 2 * WINDOW) {
        return windows;
      }
    } else {
      List<Integer> head = tokenizer.tokenize(text.substring(0, cut(text, SLICE_CHARS)));
      windows.add(toArray(head, 0, Math.min(WINDOW, head.size())));
      List<Integer> tail =
          tokenizer.tokenize(text.substring(cut(text, text.length() - SLICE_CHARS)));
      windows.add(toArray(tail, Math.max(0, tail.size() - WINDOW), tail.size()));
    }
    int headEnd = Math.min(text.length(), SLICE_CHARS / 3);
    int tailStart = Math.max(0, text.length() - SLICE_CHARS / 3);
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      if (m.start() > headEnd && m.end() < tailStart) {
        // Centre on the finding: a little context before it, the rest after it.
        List<Integer> before =
            tokenizer.tokenize(text.substring(cut(text, Math.max(0, m.start() - 300)), m.start()));
        List<Integer> after =
            tokenizer.tokenize(
                text.substring(m.start(), cut(text, Math.min(text.length(), m.end() + 900))));
        int keepBefore = Math.min(before.size(), WINDOW / 4);
        int keepAfter = Math.min(after.size(), WINDOW - keepBefore);
        int[] w = new int[keepBefore + keepAfter];
        for (int i = 0; i < keepBefore; i++) {
          w[i] = before.get(before.size() - keepBefore + i);
        }
        for (int i = 0; i < keepAfter; i++) {
          w[keepBefore + i] = after.get(i);
        }
        windows.add(w);
        break;
      }
    }
    return windows;
  }

  /** Moves {@code index} off the low half of a surrogate pair. */
  private static int cut(String text, int index) {
    if (index > 0 && index < text.length() && Character.isLowSurrogate(text.charAt(index))) {
      return index - 1;
    }
    return index;
  }

  private static int[] toArray(List<Integer> ids, int from, int to) {
    int[] out = new int[to - from];
    for (int i = from; i < to; i++) {
      out[i - from] = ids.get(i);
    }
    return out;
  }
}
