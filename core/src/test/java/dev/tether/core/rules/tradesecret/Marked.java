package dev.tether.core.rules.tradesecret;

import dev.tether.core.rules.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * A test text whose expected finding spans are written inline as {@code [[...]]}: {@link #text()}
 * is the text without the brackets, {@link #spans()} the expected {@code start-end} offsets in it.
 */
record Marked(String text, List<String> spans) {
  static Marked of(String marked) {
    StringBuilder text = new StringBuilder();
    List<String> spans = new ArrayList<>();
    int start = -1;
    for (int i = 0; i < marked.length(); i++) {
      if (marked.startsWith("[[", i)) {
        start = text.length();
        i++;
      } else if (marked.startsWith("]]", i)) {
        spans.add(start + "-" + text.length());
        i++;
      } else {
        text.append(marked.charAt(i));
      }
    }
    return new Marked(text.toString(), spans);
  }

  static List<String> spansOf(List<Finding> findings) {
    return findings.stream()
        .sorted(java.util.Comparator.comparingInt(Finding::start))
        .map(f -> f.start() + "-" + f.end())
        .toList();
  }
}
