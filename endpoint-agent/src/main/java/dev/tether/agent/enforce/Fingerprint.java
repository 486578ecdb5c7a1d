package dev.tether.agent.enforce;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A content fingerprint for leak tracing: a 64-bit SimHash over overlapping word 3-grams of the
 * normalised text (lowercase, marker characters removed, whitespace collapsed). Texts that share
 * most of their wording have fingerprints a few bits apart ({@link #distance}), so a leaked copy
 * that was lightly edited, re-wrapped or stripped of its watermark can still be matched against the
 * audit trail. It is one-way: the text cannot be recovered from it.
 */
public final class Fingerprint {
  private Fingerprint() {}

  /** {@code simhash64:<16 hex>} of {@code text}. */
  public static String of(CharSequence text) {
    List<String> words = new ArrayList<>();
    for (String w : WatermarkCodec.strip(text).toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!w.isEmpty()) {
        words.add(w);
      }
    }
    int[] weights = new int[64];
    int n = Math.max(1, words.size() - 2);
    for (int i = 0; i < n; i++) {
      String gram = String.join(" ", words.subList(i, Math.min(words.size(), i + 3)));
      long h = hash(gram);
      for (int bit = 0; bit < 64; bit++) {
        weights[bit] += ((h >>> bit) & 1) == 1 ? 1 : -1;
      }
    }
    long value = 0;
    for (int bit = 0; bit < 64; bit++) {
      if (weights[bit] > 0) {
        value |= 1L << bit;
      }
    }
    return String.format("simhash64:%016x", value);
  }

  /** Hamming distance between two fingerprints from {@link #of}. */
  public static int distance(String a, String b) {
    return Long.bitCount(parse(a) ^ parse(b));
  }

  private static long parse(String fingerprint) {
    return Long.parseUnsignedLong(fingerprint.substring("simhash64:".length()), 16);
  }

  private static long hash(String gram) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(gram.getBytes(StandardCharsets.UTF_8));
      long h = 0;
      for (int i = 0; i < 8; i++) {
        h = (h << 8) | (d[i] & 0xFF);
      }
      return h;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
