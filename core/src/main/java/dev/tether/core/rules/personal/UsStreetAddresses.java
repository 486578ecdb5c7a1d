package dev.tether.core.rules.personal;

import java.util.Locale;
import java.util.Set;

/**
 * Reads a US street address by hand from a house number: "1600 Pennsylvania Avenue NW, Suite 4,
 * Washington, DC 20500". Up to four name words (capitalised, ordinals like 5th, or a direction),
 * then a street suffix; optionally a unit, then ", City, ST 12345[-6789]". No regex: each step
 * reads a bounded number of characters.
 */
final class UsStreetAddresses {
  private static final Set<String> SUFFIXES =
      Set.of(
          "street",
          "st",
          "avenue",
          "ave",
          "av",
          "road",
          "rd",
          "boulevard",
          "blvd",
          "lane",
          "ln",
          "drive",
          "dr",
          "court",
          "ct",
          "way",
          "place",
          "pl",
          "terrace",
          "ter",
          "parkway",
          "pkwy",
          "circle",
          "cir",
          "highway",
          "hwy",
          "square",
          "sq",
          "trail",
          "trl",
          "plaza",
          "loop");
  private static final Set<String> UNITS = Set.of("apt", "apartment", "suite", "ste", "unit", "#");
  private static final Set<String> DIRECTIONS =
      Set.of("n", "s", "e", "w", "ne", "nw", "se", "sw", "north", "south", "east", "west");
  static final Set<String> STATES =
      Set.of(
          "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
          "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ",
          "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT",
          "VA", "WA", "WV", "WI", "WY", "DC", "PR");

  /** A parsed address span; {@code withZip} when a state and ZIP code follow. */
  record Match(int start, int end, boolean withZip) {}

  private UsStreetAddresses() {}

  /** The address starting at {@code p} (a house number at a word boundary), or {@code null}. */
  static Match read(CharSequence text, int p) {
    int n = text.length();
    int j = p;
    while (j < n && j - p < 6 && Scoring.isDigit(text.charAt(j))) {
      j++;
    }
    if (j == p || j >= n || text.charAt(j) != ' ' || (j < n && Scoring.isDigit(text.charAt(j)))) {
      return null;
    }
    int names = 0;
    for (int word = 0; word < 6; word++) {
      if (j >= n || text.charAt(j) != ' ') {
        return null;
      }
      int wordStart = j + 1;
      int wordEnd = wordEnd(text, wordStart);
      if (wordEnd == wordStart) {
        return null;
      }
      String token = text.subSequence(wordStart, wordEnd).toString();
      String lower = token.toLowerCase(Locale.ROOT);
      boolean capitalised = token.charAt(0) >= 'A' && token.charAt(0) <= 'Z';
      if (names > 0 && capitalised && SUFFIXES.contains(lower)) {
        int end = abbreviationDot(text, wordEnd, lower) ? wordEnd + 1 : wordEnd;
        end = direction(text, end);
        return tail(text, p, end);
      }
      if (capitalised || ordinal(lower) || DIRECTIONS.contains(lower)) {
        names++;
        j = wordEnd;
        if (j < n && text.charAt(j) == '.') {
          j++;
        }
      } else {
        return null;
      }
    }
    return null;
  }

  /** "St." keeps its dot unless the dot ends a sentence ("... Main St. Please call"). */
  private static boolean abbreviationDot(CharSequence text, int at, String suffix) {
    if (at >= text.length()
        || text.charAt(at) != '.'
        || suffix.length() > 4
        || suffix.equals("way")) {
      return false;
    }
    return !(at + 2 < text.length()
        && text.charAt(at + 1) == ' '
        && text.charAt(at + 2) >= 'A'
        && text.charAt(at + 2) <= 'Z');
  }

  /** An optional direction after the suffix ("Avenue NW"). */
  private static int direction(CharSequence text, int end) {
    if (end + 1 < text.length() && text.charAt(end) == ' ') {
      int wordEnd = wordEnd(text, end + 1);
      String token = text.subSequence(end + 1, wordEnd).toString();
      if (token.length() <= 2
          && !token.isEmpty()
          && DIRECTIONS.contains(token.toLowerCase(Locale.ROOT))
          && token.equals(token.toUpperCase(Locale.ROOT))) {
        return wordEnd;
      }
    }
    return end;
  }

  /** Extends past an optional unit and ", City, ST 12345"; never past the first line. */
  private static Match tail(CharSequence text, int start, int end) {
    int j = unit(text, end);
    int k = j;
    if (k + 2 < text.length() && text.charAt(k) == ',' && text.charAt(k + 1) == ' ') {
      k += 2;
      for (int word = 0; word < 3 && k < text.length(); word++) {
        int wordEnd = wordEnd(text, k);
        if (wordEnd == k || !(text.charAt(k) >= 'A' && text.charAt(k) <= 'Z')) {
          break;
        }
        k = wordEnd;
        if (k + 1 < text.length() && text.charAt(k) == ',' && text.charAt(k + 1) == ' ') {
          int zipEnd = stateZip(text, k + 2);
          if (zipEnd > 0) {
            return new Match(start, zipEnd, true);
          }
          break;
        }
        if (k < text.length() && text.charAt(k) == ' ') {
          k++;
        }
      }
    }
    return new Match(start, j, false);
  }

  private static int unit(CharSequence text, int end) {
    int j = end;
    if (j < text.length() && text.charAt(j) == ',') {
      j++;
    }
    if (j >= text.length() || text.charAt(j) != ' ') {
      return end;
    }
    int wordEnd = wordEnd(text, j + 1);
    String token = text.subSequence(j + 1, wordEnd).toString().toLowerCase(Locale.ROOT);
    if (!UNITS.contains(token)) {
      return end;
    }
    int k = wordEnd < text.length() && text.charAt(wordEnd) == '.' ? wordEnd + 1 : wordEnd;
    if (k < text.length() && text.charAt(k) == ' ') {
      k++;
    }
    if (k < text.length() && text.charAt(k) == '#') {
      k++;
    }
    int valueEnd = wordEnd(text, k);
    return valueEnd > k && valueEnd - k <= 6 ? valueEnd : end;
  }

  /** End of "ST 12345" or "ST 12345-6789" at {@code k}, or -1. */
  private static int stateZip(CharSequence text, int k) {
    if (k + 8 > text.length() || !STATES.contains(text.subSequence(k, k + 2).toString())) {
      return -1;
    }
    int z = k + 3;
    if (text.charAt(k + 2) != ' ') {
      return -1;
    }
    for (int i = 0; i < 5; i++) {
      if (!Scoring.isDigit(text.charAt(z + i))) {
        return -1;
      }
    }
    int end = z + 5;
    if (end + 5 <= text.length() && text.charAt(end) == '-' && allDigits(text, end + 1, end + 5)) {
      end += 5;
    }
    return end < text.length() && Scoring.isAlnum(text.charAt(end)) ? -1 : end;
  }

  private static boolean allDigits(CharSequence text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Scoring.isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean ordinal(String lower) {
    return lower.length() >= 3
        && Scoring.isDigit(lower.charAt(0))
        && (lower.endsWith("st")
            || lower.endsWith("nd")
            || lower.endsWith("rd")
            || lower.endsWith("th"));
  }

  /** End of a word of letters and digits starting at {@code from}, at most 24 characters. */
  private static int wordEnd(CharSequence text, int from) {
    int j = from;
    while (j < text.length()
        && j - from < 24
        && (Scoring.isAlnum(text.charAt(j)) || text.charAt(j) == '\'')) {
      j++;
    }
    return j;
  }
}
