package dev.tether.core.rules.credentials;

import dev.tether.core.rules.support.Base62Checksum;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Generates format-valid fake credentials for every credential detector, from a caller-seeded
 * {@link Random}: right prefixes, lengths, charsets and valid checksums (GitHub, npm). Nothing here
 * is a live secret; values are random at test time, never hard-coded.
 *
 * <p>Use {@link #samples()} to build test or evaluation corpora: each {@link Sample} names the
 * detector id and type that must report it, a generator, and a realistic context template with a
 * single {@code {secret}} slot. {@link Sample#standalone()} samples are self-identifying (a
 * documented prefix or structure) and may be placed in any context; the others need the key or
 * surrounding structure their template provides.
 */
public final class FakeCredentials {
  public static final String SLOT = "{secret}";

  public static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  public static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
  public static final String DIGITS = "0123456789";
  public static final String ALNUM = UPPER + LOWER + DIGITS;
  public static final String HEX = "0123456789abcdef";
  public static final String UPPER_ALNUM = UPPER + DIGITS;
  public static final String LOWER_ALNUM = LOWER + DIGITS;
  public static final String B64 = ALNUM + "+/";
  public static final String B64URL = ALNUM + "_-";
  public static final String BASE32_LOWER = "abcdefghijklmnopqrstuvwxyz234567";
  public static final String BECH32_UPPER = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L";

  /**
   * One generated credential type.
   *
   * @param detectorId the detector that must report it
   * @param type the finding type it must carry
   * @param standalone true if the value is found in any context (prefix or structure is enough)
   * @param generator makes a fresh value from the caller's {@link Random}
   * @param contextTemplate a realistic line or block with one {@value #SLOT} slot
   */
  public record Sample(
      String detectorId,
      String type,
      boolean standalone,
      Function<Random, String> generator,
      String contextTemplate) {

    /** The template filled with a fresh value, and where the value sits in it. */
    public Rendered render(Random random) {
      return renderIn(contextTemplate, random);
    }

    /** {@code template} (with one {@value #SLOT}) filled with a fresh value. */
    public Rendered renderIn(String template, Random random) {
      String secret = generator.apply(random);
      int at = template.indexOf(SLOT);
      String text = template.substring(0, at) + secret + template.substring(at + SLOT.length());
      return new Rendered(text, at, at + secret.length(), secret);
    }

    @Override
    public String toString() {
      return detectorId;
    }
  }

  /** A filled template: {@code text.substring(start, end)} is the secret. */
  public record Rendered(String text, int start, int end, String secret) {}

  private FakeCredentials() {}

  /** Every sample, one per detector id, in a stable order. */
  public static List<Sample> samples() {
    return Collections.unmodifiableList(FakeCredentialSamples.build());
  }

  /** Generators keyed by detector id. */
  public static Map<String, Function<Random, String>> generatorsByDetectorId() {
    Map<String, Function<Random, String>> map = new LinkedHashMap<>();
    samples().forEach(s -> map.put(s.detectorId(), s.generator()));
    return map;
  }

  /** One generator per finding type (the first detector of that type). */
  public static Map<String, Function<Random, String>> generatorsByType() {
    Map<String, Function<Random, String>> map = new LinkedHashMap<>();
    samples().forEach(s -> map.putIfAbsent(s.type(), s.generator()));
    return map;
  }

  // ---- building blocks ----

  /** {@code n} characters drawn from {@code alphabet}. */
  public static String chars(Random r, String alphabet, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  /** A generator: literals (String) and {@link Run}s concatenated. */
  static Function<Random, String> seq(Object... parts) {
    return r -> {
      StringBuilder sb = new StringBuilder();
      for (Object part : parts) {
        if (part instanceof Run run) {
          int n = run.min() + r.nextInt(run.max() - run.min() + 1);
          sb.append(chars(r, run.alphabet(), n));
        } else {
          sb.append(part);
        }
      }
      return sb.toString();
    };
  }

  /** A run of random characters. */
  record Run(String alphabet, int min, int max) {}

  static Run run(String alphabet, int n) {
    return new Run(alphabet, n, n);
  }

  static Run run(String alphabet, int min, int max) {
    return new Run(alphabet, min, max);
  }

  /** GitHub/npm layout: prefix, 30 base62 characters, their 6-character base62 CRC32. */
  public static Function<Random, String> checksummed(String prefix) {
    return r -> {
      String body = chars(r, ALNUM, 30);
      return prefix + body + Base62Checksum.of(body);
    };
  }

  /** Standard Base64 of {@code n} random bytes. */
  static Function<Random, String> base64Bytes(int n) {
    return r -> {
      byte[] bytes = new byte[n];
      r.nextBytes(bytes);
      return Base64.getEncoder().encodeToString(bytes);
    };
  }

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.US_ASCII));
  }

  static String b64url(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.US_ASCII));
  }

  /** A password someone might choose: letters and digits, with a symbol. */
  static String password(Random r) {
    return chars(r, UPPER, 2) + chars(r, LOWER, 6) + chars(r, DIGITS, 3) + "!" + chars(r, ALNUM, 4);
  }

  static List<Sample> list() {
    return new ArrayList<>();
  }
}
