package dev.tether.core.rules.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * The base64 run search skips text that cannot hold a run of {@link NestedDecoder#MIN_BASE64_RUN}
 * characters; it must find exactly the runs a plain scan of every character finds (a reference
 * implementation here), at every offset and length.
 */
class NestedDecoderRunsTest {
  private static final String SEPARATORS = " .=\n\"\\:,";

  @RepeatedTest(200)
  void decode_baseSixtyFourRuns_sameAsCharByCharScan(RepetitionInfo repetition) {
    Random random = new Random(repetition.getCurrentRepetition());
    StringBuilder text = new StringBuilder();
    while (text.length() < 600) {
      int kind = random.nextInt(4);
      if (kind == 0) {
        // an encoded sentence of 15 to 24 bytes: runs of 20 to 32 characters, around the bound
        String plain = "value " + "abcdefghijklmnopqrstuvwxyz".substring(0, 9 + random.nextInt(10));
        String encoded = Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
        text.append(random.nextBoolean() ? encoded : encoded.replace("=", ""));
      } else if (kind == 1) {
        text.append("word".repeat(1 + random.nextInt(8)));
      } else {
        text.append(SEPARATORS.charAt(random.nextInt(SEPARATORS.length())));
      }
    }
    List<String> expected = new ArrayList<>();
    for (int[] run : referenceRuns(text)) {
      if (NestedDecoder.base64Text(text, run[0], run[1]) != null) {
        expected.add(run[0] + "-" + run[2]);
      }
    }
    List<String> actual = new ArrayList<>();
    for (DecodedView view : NestedDecoder.decode(text, 1, Long.MAX_VALUE).views()) {
      if (view.encoding() == DecodedView.Encoding.BASE64) {
        int[] span = view.toOriginal(0, view.text().length());
        actual.add(span[0] + "-" + span[1]);
      }
    }
    assertEquals(expected, actual, text.toString());
  }

  /** Every maximal run of base64 characters of the minimum length: {start, end, end + padding}. */
  private static List<int[]> referenceRuns(CharSequence text) {
    List<int[]> runs = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      if (!isBase64(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < n && isBase64(text.charAt(i))) {
        i++;
      }
      int end = i;
      while (i < n && i - end < 2 && text.charAt(i) == '=') {
        i++;
      }
      if (end - start >= NestedDecoder.MIN_BASE64_RUN) {
        runs.add(new int[] {start, end, i});
      }
    }
    return runs;
  }

  private static boolean isBase64(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '+'
        || c == '/'
        || c == '-'
        || c == '_';
  }
}
