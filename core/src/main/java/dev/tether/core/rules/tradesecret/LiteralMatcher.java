package dev.tether.core.rules.tradesecret;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Aho-Corasick over many literals at once: one pass over the text, time linear in its length plus
 * the number of hits, whatever the number of literals. Matching is case-insensitive (per UTF-16
 * unit, so offsets never shift) and a run of whitespace in the text matches one space in a literal.
 * Immutable after construction and safe to share between threads.
 */
final class LiteralMatcher {
  /** Receives each hit: the literal's index and its span in the original text. */
  interface Hits {
    /**
     * True if a literal may end just before text offset {@code end} (e.g. a word boundary follows);
     * asked once per position before any hit there is reported, so positions where no hit can count
     * cost nothing however many literals end there.
     */
    boolean mayEndAt(int end);

    /** Returns false to stop the scan (the caller has seen enough). */
    boolean hit(int literal, int start, int end);
  }

  private static final int DENSE = 128;
  private static final boolean[] ASCII_SPACE = new boolean[DENSE];
  private static final char[] ASCII_LOWER = new char[DENSE];

  static {
    for (char c = 0; c < DENSE; c++) {
      ASCII_SPACE[c] = Character.isWhitespace(c);
      ASCII_LOWER[c] = Character.toLowerCase(c);
    }
  }

  private final char[][] keys;
  private final int[][] targets;
  private final int[] rootDense = new int[DENSE];
  private final int[] fail;
  private final int[] output;
  private final int[] nextOutput;
  private final int[] lengths;
  private final int maxLength;

  /**
   * @param literals normalised literals (see {@link #normalise}), none empty
   */
  LiteralMatcher(List<String> literals) {
    List<Map<Character, Integer>> trie = new ArrayList<>();
    List<Integer> out = new ArrayList<>();
    trie.add(new TreeMap<>());
    out.add(-1);
    lengths = new int[literals.size()];
    int longest = 1;
    for (int i = 0; i < literals.size(); i++) {
      String literal = normalise(literals.get(i));
      lengths[i] = literal.length();
      longest = Math.max(longest, literal.length());
      int state = 0;
      for (int j = 0; j < literal.length(); j++) {
        Integer next = trie.get(state).get(literal.charAt(j));
        if (next == null) {
          next = trie.size();
          trie.add(new TreeMap<>());
          out.add(-1);
          trie.get(state).put(literal.charAt(j), next);
        }
        state = next;
      }
      if (out.get(state) < 0) {
        out.set(state, i);
      }
    }
    maxLength = longest;
    int n = trie.size();
    keys = new char[n][];
    targets = new int[n][];
    output = new int[n];
    for (int s = 0; s < n; s++) {
      Map<Character, Integer> edges = trie.get(s);
      keys[s] = new char[edges.size()];
      targets[s] = new int[edges.size()];
      int e = 0;
      for (Map.Entry<Character, Integer> edge : edges.entrySet()) {
        keys[s][e] = edge.getKey();
        targets[s][e++] = edge.getValue();
      }
      output[s] = out.get(s);
    }
    Arrays.fill(rootDense, 0);
    for (int e = 0; e < keys[0].length; e++) {
      if (keys[0][e] < DENSE) {
        rootDense[keys[0][e]] = targets[0][e];
      }
    }
    fail = new int[n];
    nextOutput = new int[n];
    Arrays.fill(nextOutput, -1);
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int child : targets[0]) {
      queue.add(child);
    }
    while (!queue.isEmpty()) {
      int s = queue.poll();
      for (int e = 0; e < keys[s].length; e++) {
        int child = targets[s][e];
        int f = fail[s];
        while (f != 0 && edge(f, keys[s][e]) < 0) {
          f = fail[f];
        }
        int target = edge(f, keys[s][e]);
        fail[child] = target >= 0 && target != child ? target : 0;
        nextOutput[child] = output[fail[child]] >= 0 ? fail[child] : nextOutput[fail[child]];
        queue.add(child);
      }
    }
  }

  /** Lowercase per UTF-16 unit, trimmed, inner whitespace runs as one space. */
  static String normalise(String literal) {
    StringBuilder b = new StringBuilder(literal.length());
    boolean space = false;
    for (int i = 0; i < literal.length(); i++) {
      char c = literal.charAt(i);
      if (Character.isWhitespace(c)) {
        space = b.length() > 0;
      } else {
        if (space) {
          b.append(' ');
          space = false;
        }
        b.append(Character.toLowerCase(c));
      }
    }
    return b.toString();
  }

  /** Reports every occurrence of every literal in {@code text}, in order of end offset. */
  void scan(CharSequence text, Hits hits) {
    int ringSize = maxLength + 1;
    // ring[p] is the text offset of the normalised character at ring position p.
    int[] ring = new int[ringSize];
    int position = 0;
    int state = 0;
    boolean previousSpace = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean space = c < DENSE ? ASCII_SPACE[c] : Character.isWhitespace(c);
      if (space) {
        if (previousSpace) {
          continue;
        }
        previousSpace = true;
        c = ' ';
      } else {
        previousSpace = false;
        c = c < DENSE ? ASCII_LOWER[c] : Character.toLowerCase(c);
      }
      ring[position] = i;
      state = step(state, c);
      int s = output[state] >= 0 ? state : nextOutput[state];
      if (s >= 0 && hits.mayEndAt(i + 1)) {
        for (; s >= 0; s = nextOutput[s]) {
          int literal = output[s];
          int first = position - lengths[literal] + 1;
          if (!hits.hit(literal, ring[first < 0 ? first + ringSize : first], i + 1)) {
            return;
          }
        }
      }
      position = position + 1 == ringSize ? 0 : position + 1;
    }
  }

  private int step(int state, char c) {
    int s = state;
    while (true) {
      int next = s == 0 && c < DENSE ? rootDense[c] : edge(s, c);
      if (next > 0) {
        return next;
      }
      if (s == 0) {
        return 0;
      }
      s = fail[s];
    }
  }

  private int edge(int state, char c) {
    if (state == 0 && c < DENSE) {
      int t = rootDense[c];
      return t > 0 ? t : -1;
    }
    int at = Arrays.binarySearch(keys[state], c);
    return at >= 0 ? targets[state][at] : -1;
  }
}
