package dev.tether.core.rules.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Aho-Corasick automaton over keyword groups (one group per detector), matching case-insensitively
 * with ASCII folding ({@code A-Z} equals {@code a-z}; other characters match exactly).
 *
 * <p>Built once, immutable and thread-safe. The transition function is a dense table over the
 * alphabet of characters that occur in some keyword (every other character resets to the root), so
 * {@link #groupsIn} reads each character of the text exactly once with one table lookup: time is
 * linear in the text length plus the automaton size, whatever the keywords. Automata too large for
 * a dense table (more than {@value #MAX_DENSE_ENTRIES} entries, e.g. a policy dictionary of
 * thousands of words in many scripts) keep sparse goto and failure links instead, still linear
 * (amortised).
 */
public final class KeywordAutomaton {
  /** A keyword occurrence: {@code keyword} is the index into {@link #keywords()}. */
  public record Match(int keyword, int start, int end) {}

  static final int MAX_DENSE_ENTRIES = 4 * 1024 * 1024;

  private final List<String> keywords;
  private final int[] keywordGroups; // keyword index -> group
  private final int groupsWithKeywords;
  private final char[] alphabet; // sorted characters that occur in keywords (folded)
  private final int[] asciiClass; // folded ASCII char -> class, 0 = not in alphabet
  private final int classes; // alphabet size + 1 (class 0 = any other character)
  private final int[] delta; // state * classes + class -> next state, or null when sparse
  private final int[][] gotoClasses; // sparse: sorted classes with a trie child, per state
  private final int[][] gotoTargets; // sparse: the children
  private final int[] fail; // sparse: failure links
  private final int[][] output; // keywords ending exactly at a state (not via suffix links)
  private final int[] dictLink; // nearest proper suffix state with output, or -1
  private final boolean[] reports; // the state or one of its suffixes ends a keyword
  // dense only: delta with targets premultiplied by classes, complemented (~) when they report
  private final int[] scaled;
  private final int maxKeywordLength;
  private final int[] keywordLength;
  private final boolean[] positional; // per group: report every occurrence's start
  private final boolean[] positionalChain; // per state: it or a suffix ends a positional keyword

  private KeywordAutomaton(
      List<String> keywords,
      int[] keywordGroups,
      int groupsWithKeywords,
      char[] alphabet,
      int[] asciiClass,
      int[] delta,
      int[][] gotoClasses,
      int[][] gotoTargets,
      int[] fail,
      int[][] output,
      int[] dictLink,
      BitSet positionalGroups) {
    this.keywords = keywords;
    this.keywordGroups = keywordGroups;
    this.groupsWithKeywords = groupsWithKeywords;
    this.alphabet = alphabet;
    this.asciiClass = asciiClass;
    this.classes = alphabet.length + 1;
    this.delta = delta;
    this.gotoClasses = gotoClasses;
    this.gotoTargets = gotoTargets;
    this.fail = fail;
    this.output = output;
    this.dictLink = dictLink;
    this.maxKeywordLength = keywords.stream().mapToInt(String::length).max().orElse(1);
    this.keywordLength = keywords.stream().mapToInt(String::length).toArray();
    this.positional = new boolean[keywordGroups.length == 0 ? 0 : maxGroup(keywordGroups) + 1];
    if (positionalGroups != null) {
      for (int g = positionalGroups.nextSetBit(0);
          g >= 0 && g < positional.length;
          g = positionalGroups.nextSetBit(g + 1)) {
        positional[g] = true;
      }
    }
    this.positionalChain = new boolean[output.length];
    for (int st = 0; st < output.length; st++) {
      for (int q = st; q > 0 && !positionalChain[st]; q = dictLink[q]) {
        for (int k : output[q]) {
          positionalChain[st] |= positional[keywordGroups[k]];
        }
      }
    }
    this.reports = new boolean[output.length];
    for (int s = 0; s < output.length; s++) {
      reports[s] = output[s].length > 0 || dictLink[s] >= 0;
    }
    if (delta == null) {
      this.scaled = null;
    } else {
      this.scaled = new int[delta.length];
      for (int e = 0; e < delta.length; e++) {
        int target = delta[e] * classes;
        scaled[e] = reports[delta[e]] ? ~target : target;
      }
    }
  }

  /**
   * Builds the automaton for {@code groups}: group {@code i} matches when any of its keywords
   * occurs. Empty keywords are ignored (callers treat a group without keywords as always on).
   */
  public static KeywordAutomaton build(List<? extends Set<String>> groups) {
    return build(groups, MAX_DENSE_ENTRIES, new BitSet());
  }

  /**
   * As {@link #build(List)}; {@link #groupsIn(CharSequence, int[][])} also reports where every
   * occurrence of a keyword of the {@code positional} groups starts.
   */
  public static KeywordAutomaton build(List<? extends Set<String>> groups, BitSet positional) {
    return build(groups, MAX_DENSE_ENTRIES, positional);
  }

  static KeywordAutomaton build(List<? extends Set<String>> groups, long maxDenseEntries) {
    return build(groups, maxDenseEntries, new BitSet());
  }

  /** As {@link #build(List)}, with a dense table only up to {@code maxDenseEntries} entries. */
  static KeywordAutomaton build(
      List<? extends Set<String>> groups, long maxDenseEntries, BitSet positional) {
    List<String> keywords = new ArrayList<>();
    List<Integer> owners = new ArrayList<>();
    TreeSet<Character> chars = new TreeSet<>();
    for (int g = 0; g < groups.size(); g++) {
      for (String keyword : new TreeSet<>(groups.get(g))) {
        if (keyword.isEmpty()) {
          continue;
        }
        String folded = fold(keyword);
        keywords.add(folded);
        owners.add(g);
        for (int i = 0; i < folded.length(); i++) {
          chars.add(folded.charAt(i));
        }
      }
    }
    char[] alphabet = new char[chars.size()];
    int a = 0;
    for (char c : chars) {
      alphabet[a++] = c;
    }
    int[] asciiClass = new int[128];
    for (int i = 0; i < alphabet.length; i++) {
      char c = alphabet[i];
      if (c < 128) {
        asciiClass[c] = i + 1;
        if (c >= 'a' && c <= 'z') {
          asciiClass[c - ('a' - 'A')] = i + 1; // ASCII folding done once, here
        }
      }
    }
    int classes = alphabet.length + 1;

    // Trie.
    List<Map<Integer, Integer>> trie = new ArrayList<>();
    List<List<Integer>> outputs = new ArrayList<>();
    trie.add(new HashMap<>());
    outputs.add(new ArrayList<>());
    for (int k = 0; k < keywords.size(); k++) {
      String keyword = keywords.get(k);
      int state = 0;
      for (int i = 0; i < keyword.length(); i++) {
        int cls = Arrays.binarySearch(alphabet, keyword.charAt(i)) + 1;
        Integer next = trie.get(state).get(cls);
        if (next == null) {
          next = trie.size();
          trie.add(new HashMap<>());
          outputs.add(new ArrayList<>());
          trie.get(state).put(cls, next);
        }
        state = next;
      }
      outputs.get(state).add(k);
    }

    // Failure links by breadth-first search; dense automata fold them into the table.
    int states = trie.size();
    boolean dense = (long) states * classes <= maxDenseEntries;
    int[] delta = dense ? new int[states * classes] : null;
    int[] fail = new int[states];
    int[] dictLink = new int[states];
    Arrays.fill(dictLink, -1);
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int child : trie.get(0).values()) {
      queue.add(child);
    }
    if (dense) {
      trie.get(0).forEach((cls, child) -> delta[cls] = child);
    }
    while (!queue.isEmpty()) {
      int state = queue.poll();
      int f = fail[state];
      dictLink[state] = outputs.get(f).isEmpty() ? dictLink[f] : f;
      for (Map.Entry<Integer, Integer> edge : trie.get(state).entrySet()) {
        int child = edge.getValue();
        fail[child] = state == 0 ? 0 : sparseNext(trie, fail, f, edge.getKey());
        queue.add(child);
      }
      if (dense) {
        for (int cls = 1; cls < classes; cls++) {
          Integer child = trie.get(state).get(cls);
          delta[state * classes + cls] = child != null ? child : delta[f * classes + cls];
        }
      }
    }
    int[][] gotoClasses = null;
    int[][] gotoTargets = null;
    if (!dense) {
      gotoClasses = new int[states][];
      gotoTargets = new int[states][];
      for (int s = 0; s < states; s++) {
        int[] keys = trie.get(s).keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        gotoClasses[s] = keys;
        gotoTargets[s] = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
          gotoTargets[s][i] = trie.get(s).get(keys[i]);
        }
      }
    }
    int[][] output = new int[states][];
    for (int s = 0; s < states; s++) {
      output[s] = outputs.get(s).stream().mapToInt(Integer::intValue).toArray();
    }
    return new KeywordAutomaton(
        List.copyOf(keywords),
        owners.stream().mapToInt(Integer::intValue).toArray(),
        (int) owners.stream().distinct().count(),
        alphabet,
        asciiClass,
        delta,
        gotoClasses,
        gotoTargets,
        dense ? null : fail,
        output,
        dictLink,
        positional);
  }

  private static int maxGroup(int[] keywordGroups) {
    int max = 0;
    for (int g : keywordGroups) {
      max = Math.max(max, g);
    }
    return max;
  }

  /** Goto-with-failure transition on the trie, used while building. */
  private static int sparseNext(List<Map<Integer, Integer>> trie, int[] fail, int state, int cls) {
    while (true) {
      Integer child = trie.get(state).get(cls);
      if (child != null) {
        return child;
      }
      if (state == 0) {
        return 0;
      }
      state = fail[state];
    }
  }

  private int next(int state, int cls) {
    if (delta != null) {
      return delta[state * classes + cls];
    }
    while (true) {
      int index = Arrays.binarySearch(gotoClasses[state], cls);
      if (index >= 0) {
        return gotoTargets[state][index];
      }
      if (state == 0) {
        return 0;
      }
      state = fail[state];
    }
  }

  /** The keywords, ASCII-folded, in the order {@link Match#keyword()} refers to. */
  public List<String> keywords() {
    return keywords;
  }

  /** Number of automaton states (for tests and diagnostics). */
  public int stateCount() {
    return output.length;
  }

  /** True if transitions are one dense table (the fast path). */
  public boolean isDense() {
    return delta != null;
  }

  /**
   * The groups with at least one keyword in {@code text}: one pass over the text; every state's
   * outputs are visited at most once per call, and the pass stops early once every group matched.
   */
  public BitSet groupsIn(CharSequence text) {
    return groupsIn(text, null);
  }

  /**
   * As {@link #groupsIn(CharSequence)}; when {@code starts} is not null, also sets {@code
   * starts[g]}, for every positional group {@code g} (see {@link #build(List, BitSet)}) that
   * matched, to the ascending distinct offsets where an occurrence of one of its keywords starts.
   */
  public BitSet groupsIn(CharSequence chars, int[][] starts) {
    // A String for the loops: String.charAt is bound statically and inlines in every compiler
    // tier, where CharSequence.charAt is an interface call until C2 has profiled it.
    String text = chars.toString();
    BitSet groups = new BitSet();
    if (groupsWithKeywords == 0) {
      return groups;
    }
    Hits hits = starts == null ? null : new Hits(positional.length);
    if (scaled == null) {
      groupsInSparse(text, groups, hits);
      return finish(groups, hits, starts);
    }
    boolean[] visited = new boolean[output.length];
    // With positions wanted the pass cannot stop early: remaining never reaches 0.
    int[] remaining = {hits == null ? groupsWithKeywords : Integer.MAX_VALUE};
    int n = text.length();
    // Two independent streams over the two halves of the text, the second starting maxLength - 1
    // characters early: each step's table lookup depends on the previous one, so two chains run
    // side by side about twice as fast as one. A keyword occurrence that starts before the second
    // stream does ends at or before the middle, so one of the streams sees it whole.
    int overlap = maxKeywordLength - 1;
    if (n < 2 * (overlap + 64)) {
      scanDense(text, 0, n, visited, groups, remaining, hits);
      return finish(groups, hits, starts);
    }
    final int[] table = this.scaled;
    final int[] ascii = this.asciiClass;
    final int mid = n / 2;
    final int offset = mid - overlap; // stream b reads text[offset + i]
    int a = 0;
    int b = 0;
    for (int i = 0; i < mid; i++) {
      char ca = text.charAt(i);
      char cb = text.charAt(offset + i);
      int nextA = table[a + (ca < 128 ? ascii[ca] : nonAsciiClass(ca))];
      int nextB = table[b + (cb < 128 ? ascii[cb] : nonAsciiClass(cb))];
      if ((nextA | nextB) >= 0) {
        a = nextA;
        b = nextB;
        continue;
      }
      if (nextA < 0) {
        a = ~nextA;
        if (collect(a / classes, i + 1, visited, groups, remaining, hits)) {
          return finish(groups, hits, starts);
        }
      } else {
        a = nextA;
      }
      if (nextB < 0) {
        b = ~nextB;
        if (collect(b / classes, offset + i + 1, visited, groups, remaining, hits)) {
          return finish(groups, hits, starts);
        }
      } else {
        b = nextB;
      }
    }
    // Stream b's tail: the last overlap (+1 when n is odd) characters.
    for (int i = offset + mid; i < n; i++) {
      char c = text.charAt(i);
      int next = table[b + (c < 128 ? ascii[c] : nonAsciiClass(c))];
      if (next >= 0) {
        b = next;
        continue;
      }
      b = ~next;
      if (collect(b / classes, i + 1, visited, groups, remaining, hits)) {
        return finish(groups, hits, starts);
      }
    }
    return finish(groups, hits, starts);
  }

  /** One stream of {@link #groupsIn} over {@code text[from, to)} from the root. */
  private void scanDense(
      String text, int from, int to, boolean[] visited, BitSet groups, int[] remaining, Hits hits) {
    // Hot loop: locals only, one table lookup per character. The state is kept premultiplied by
    // the class count and complemented when it reports, so a step is one load and one sign test.
    final int[] table = this.scaled;
    final int[] ascii = this.asciiClass;
    int at = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      int next = table[at + (c < 128 ? ascii[c] : nonAsciiClass(c))];
      if (next >= 0) {
        at = next;
        continue;
      }
      at = ~next;
      if (collect(at / classes, i + 1, visited, groups, remaining, hits)) {
        return;
      }
    }
  }

  /**
   * Adds the groups of the keywords ending at {@code state} and its suffix states not yet visited;
   * true once every group matched.
   */
  private boolean collect(
      int state, int end, boolean[] visited, BitSet groups, int[] remaining, Hits hits) {
    if (hits != null && positionalChain[state]) {
      for (int s = state; s > 0; s = dictLink[s]) {
        for (int k : output[s]) {
          if (positional[keywordGroups[k]]) {
            hits.add(keywordGroups[k], end - keywordLength[k]);
          }
        }
      }
    }
    for (int s = state; s > 0 && !visited[s]; s = dictLink[s]) {
      visited[s] = true;
      for (int k : output[s]) {
        int group = keywordGroups[k];
        if (!groups.get(group)) {
          groups.set(group);
          if (--remaining[0] == 0) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** {@link #groupsIn} over sparse goto and failure links. */
  private void groupsInSparse(CharSequence text, BitSet groups, Hits hits) {
    boolean[] visited = new boolean[output.length];
    int[] remaining = {hits == null ? groupsWithKeywords : Integer.MAX_VALUE};
    int state = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      state = next(state, classOf(text.charAt(i)));
      if (reports[state] && collect(state, i + 1, visited, groups, remaining, hits)) {
        return;
      }
    }
  }

  private static BitSet finish(BitSet groups, Hits hits, int[][] starts) {
    if (hits != null) {
      for (int g = 0; g < hits.counts.length && g < starts.length; g++) {
        if (hits.counts[g] > 0) {
          int[] sorted = Arrays.copyOf(hits.starts[g], hits.counts[g]);
          Arrays.sort(sorted);
          int distinct = 0;
          for (int v : sorted) {
            if (distinct == 0 || sorted[distinct - 1] != v) {
              sorted[distinct++] = v;
            }
          }
          starts[g] = Arrays.copyOf(sorted, distinct);
        }
      }
    }
    return groups;
  }

  /** Keyword starts of the positional groups, collected during one pass. */
  private static final class Hits {
    final int[][] starts;
    final int[] counts;

    Hits(int groups) {
      starts = new int[groups][];
      counts = new int[groups];
    }

    void add(int group, int start) {
      int[] array = starts[group];
      if (array == null) {
        array = starts[group] = new int[16];
      } else if (counts[group] == array.length) {
        array = starts[group] = Arrays.copyOf(array, array.length * 2);
      }
      array[counts[group]++] = start;
    }
  }

  /** Every keyword occurrence in {@code text}, overlapping ones included, by end offset. */
  public List<Match> matches(CharSequence text) {
    List<Match> matches = new ArrayList<>();
    int state = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      state = next(state, classOf(text.charAt(i)));
      for (int s = state; s > 0; s = dictLink[s]) {
        for (int k : output[s]) {
          matches.add(new Match(k, i + 1 - keywords.get(k).length(), i + 1));
        }
      }
    }
    return matches;
  }

  private int classOf(char c) {
    return c < 128 ? asciiClass[c] : nonAsciiClass(c);
  }

  private int nonAsciiClass(char c) {
    int index = Arrays.binarySearch(alphabet, c);
    return index < 0 ? 0 : index + 1;
  }

  private static String fold(String s) {
    char[] chars = s.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] >= 'A' && chars[i] <= 'Z') {
        chars[i] = (char) (chars[i] + ('a' - 'A'));
      }
    }
    return new String(chars);
  }
}
