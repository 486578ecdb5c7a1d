package dev.tether.core.rules.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KeywordAutomatonTest {

  static Stream<Arguments> matchTable() {
    return Stream.of(
        Arguments.of(
            "classic overlapping keywords (he/she/his/hers in ushers)",
            List.of("he", "she", "his", "hers"),
            "ushers",
            List.of("she@1-4", "he@2-4", "hers@2-6")),
        Arguments.of(
            "keyword that is a suffix of another reported through the dictionary link",
            List.of("private key", "key"),
            "-----BEGIN PRIVATE KEY-----",
            List.of("private key@11-22", "key@19-22")),
        Arguments.of(
            "upper-case text matches lower-case keywords (ASCII folding)",
            List.of("akia"),
            "id=AKIAQ3EG and akia and AkIa",
            List.of("akia@3-7", "akia@16-20", "akia@25-29")),
        Arguments.of(
            "upper-case keyword is folded too", List.of("GHP_"), "ghp_x", List.of("ghp_@0-4")),
        Arguments.of(
            "match at the very start and the very end of the text",
            List.of("ab", "yz"),
            "ab...yz",
            List.of("ab@0-2", "yz@5-7")),
        Arguments.of(
            "keyword equal to the whole text", List.of("secret"), "SECRET", List.of("secret@0-6")),
        Arguments.of(
            "repeated self-overlapping keyword",
            List.of("aa"),
            "aaaa",
            List.of("aa@0-2", "aa@1-3", "aa@2-4")),
        Arguments.of(
            "failure link recovers a match after a near miss",
            List.of("abcd", "bce"),
            "abce",
            List.of("bce@1-4")),
        Arguments.of(
            "non-ASCII characters match exactly, not folded",
            List.of("geheimé"),
            "GEHEIMé und GEHEIMÉ",
            List.of("geheimé@0-7")),
        Arguments.of(
            "characters outside the keyword alphabet reset the automaton",
            List.of("key"),
            "ke\u0000y k\u00e9y",
            List.of()),
        Arguments.of("empty text", List.of("a"), "", List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matchTable")
  void matches_table(String note, List<String> keywords, String text, List<String> expected) {
    for (long dense : new long[] {KeywordAutomaton.MAX_DENSE_ENTRIES, 0}) {
      KeywordAutomaton automaton =
          KeywordAutomaton.build(keywords.stream().map(Set::of).toList(), dense);
      List<String> found =
          automaton.matches(text).stream()
              .map(m -> automaton.keywords().get(m.keyword()) + "@" + m.start() + "-" + m.end())
              .toList();
      assertEquals(Set.copyOf(expected), Set.copyOf(found), note + " (dense=" + dense + ")");
      assertEquals(expected.size(), found.size(), note);
    }
  }

  @Test
  void groupsIn_reportsOnlyGroupsWhoseKeywordOccurs() {
    KeywordAutomaton automaton =
        KeywordAutomaton.build(
            List.of(Set.of("akia", "asia"), Set.of("ghp_"), Set.of(), Set.of("private key")));
    BitSet groups = automaton.groupsIn("creds: ASIAXYZ and -----BEGIN PRIVATE KEY-----");
    assertEquals("{0, 3}", groups.toString());
    assertTrue(automaton.groupsIn("nothing here").isEmpty());
  }

  @Test
  void groupsIn_sameOutputStateTwice_reportedOnce() {
    KeywordAutomaton automaton = KeywordAutomaton.build(List.of(Set.of("ab"), Set.of("b")));
    assertEquals("{0, 1}", automaton.groupsIn("ab ab ab b").toString());
  }

  @Test
  void sparseAndDense_agreeOnRandomText() {
    Random random = new Random(42);
    List<Set<String>> groups = new ArrayList<>();
    for (int g = 0; g < 200; g++) {
      groups.add(Set.of(randomWord(random, 2 + random.nextInt(5))));
    }
    KeywordAutomaton dense = KeywordAutomaton.build(groups);
    KeywordAutomaton sparse = KeywordAutomaton.build(groups, 0);
    assertTrue(dense.isDense());
    assertFalse(sparse.isDense());
    for (int t = 0; t < 50; t++) {
      String text = randomWord(random, 2000);
      assertEquals(dense.matches(text), sparse.matches(text));
      assertEquals(dense.groupsIn(text), sparse.groupsIn(text));
    }
  }

  @Test
  void build_largeDictionary_staysWithinMemoryBound() {
    List<Set<String>> groups = new ArrayList<>();
    Random random = new Random(7);
    for (int g = 0; g < 20_000; g++) {
      groups.add(Set.of(randomWord(random, 12) + (char) ('\u4e00' + random.nextInt(500))));
    }
    KeywordAutomaton automaton = KeywordAutomaton.build(groups);
    assertFalse(automaton.isDense(), "a dictionary this large uses sparse transitions");
    String word = groups.get(123).iterator().next();
    assertTrue(automaton.groupsIn("prefix " + word + " suffix").get(123));
  }

  @Test
  void groupsIn_twoStreams_findKeywordsAtEveryOffsetAroundTheMiddle() {
    List<Set<String>> groups = List.of(Set.of("keyword-long"), Set.of("ab"), Set.of("zq"));
    KeywordAutomaton automaton = KeywordAutomaton.build(groups);
    for (int n : new int[] {100, 151, 152, 153, 300, 301, 1000, 1001}) {
      for (String keyword : List.of("keyword-long", "KEYWORD-LONG", "ab", "zq")) {
        for (int at = 0; at + keyword.length() <= n; at++) {
          StringBuilder text = new StringBuilder("x".repeat(n));
          text.replace(at, at + keyword.length(), keyword);
          BitSet expected = new BitSet();
          for (KeywordAutomaton.Match m : automaton.matches(text)) {
            expected.set(m.keyword());
          }
          assertEquals(expected, automaton.groupsIn(text), keyword + " at " + at + " of " + n);
        }
      }
    }
  }

  @Test
  void groupsIn_agreesWithMatchesOnRandomLongText() {
    Random random = new Random(7);
    List<Set<String>> groups = new ArrayList<>();
    for (int g = 0; g < 100; g++) {
      groups.add(Set.of(randomWord(random, 2 + random.nextInt(8))));
    }
    KeywordAutomaton automaton = KeywordAutomaton.build(groups);
    for (int t = 0; t < 200; t++) {
      String text = randomWord(random, 50 + random.nextInt(3000));
      BitSet expected = new BitSet();
      for (KeywordAutomaton.Match m : automaton.matches(text)) {
        expected.set(m.keyword());
      }
      assertEquals(expected, automaton.groupsIn(text));
    }
  }

  @Test
  void groupsIn_positionalGroups_reportEveryStart() {
    Random random = new Random(9);
    List<Set<String>> groups = new ArrayList<>();
    for (int g = 0; g < 60; g++) {
      groups.add(Set.of(randomWord(random, 2 + random.nextInt(6)), randomWord(random, 3)));
    }
    BitSet positional = new BitSet();
    positional.set(0, 60, true);
    positional.clear(5);
    KeywordAutomaton automaton = KeywordAutomaton.build(groups, positional);
    for (int t = 0; t < 200; t++) {
      String text = randomWord(random, 20 + random.nextInt(2000));
      List<java.util.TreeSet<Integer>> expected = new ArrayList<>();
      for (int g = 0; g < groups.size(); g++) {
        expected.add(new java.util.TreeSet<>());
      }
      for (KeywordAutomaton.Match m : automaton.matches(text)) {
        String keyword = automaton.keywords().get(m.keyword());
        for (int g = 0; g < groups.size(); g++) {
          if (groups.get(g).stream().anyMatch(w -> w.equalsIgnoreCase(keyword))) {
            expected.get(g).add(m.start());
          }
        }
      }
      int[][] starts = new int[groups.size()][];
      automaton.groupsIn(text, starts);
      for (int g = 0; g < groups.size(); g++) {
        int[] want =
            g == 5 || expected.get(g).isEmpty()
                ? null
                : expected.get(g).stream().mapToInt(Integer::intValue).toArray();
        assertEquals(
            want == null ? null : java.util.Arrays.toString(want),
            starts[g] == null ? null : java.util.Arrays.toString(starts[g]),
            "group " + g);
      }
    }
  }

  private static String randomWord(Random random, int length) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      s.append("abcdeABCDE-_ 1".charAt(random.nextInt(14)));
    }
    return s.toString();
  }
}
