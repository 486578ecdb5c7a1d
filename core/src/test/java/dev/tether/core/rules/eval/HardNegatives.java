package dev.tether.core.rules.eval;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * Texts that must produce no finding: the hand-written ones in {@code corpus/hard-negatives.txt},
 * generated identifiers that look random (hashes, UUIDs, git SHAs, base64 blobs, order numbers,
 * timestamps), and look-alikes derived from the generators (masked values, and values whose
 * checksum was broken by changing one character).
 */
final class HardNegatives {
  private static final String RESOURCE = "/corpus/hard-negatives.txt";
  private static final HexFormat HEX = HexFormat.of();

  private HardNegatives() {}

  /** The hand-written negatives, in file order. */
  static List<Sample> handWritten() {
    String file;
    try (InputStream in = HardNegatives.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("corpus: resource " + RESOURCE + " missing");
      }
      file = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Sample> samples = new ArrayList<>();
    String category = null;
    StringBuilder body = new StringBuilder();
    for (String line : file.split("\n", -1)) {
      if (line.startsWith("=== ") && line.endsWith(" ===")) {
        if (category != null) {
          samples.add(negative("neg-hand-" + samples.size(), category, body));
        }
        category = line.substring(4, line.length() - 4).split(":")[0].trim();
        body.setLength(0);
      } else if (category != null) {
        body.append(line).append('\n');
      }
    }
    if (category != null) {
      samples.add(negative("neg-hand-" + samples.size(), category, body));
    }
    return samples;
  }

  /** Random-looking identifiers in ordinary context; {@code count} of each kind. */
  static List<Sample> identifiers(Random random, int count) {
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String md5 = digest("MD5", random);
      String sha1 = digest("SHA-1", random);
      String sha256 = digest("SHA-256", random);
      add(out, "hash", md5 + "  release-" + i + ".tar.gz\n" + sha256 + "  release-" + i + ".zip\n");
      add(out, "hash", "{\"file\": \"bundle.js\", \"md5\": \"" + md5 + "\", \"size\": 48213}\n");
      add(out, "hash", "ETag: \"" + sha1 + "\"\nCache-Control: max-age=3600\n");
      add(out, "hash", "cache hit key=" + sha256 + " took 3ms\n");
      add(out, "git-sha", "commit " + sha1 + "\n\n    Fix flaky retry test\n");
      add(out, "git-sha", "This reverts commit " + sha1 + ".\n");
      add(
          out,
          "git-sha",
          "git checkout " + sha1.substring(0, 12) + " && git cherry-pick " + sha1 + "\n");
      String uuid = new UUID(random.nextLong(), random.nextLong()).toString();
      add(
          out,
          "uuid",
          "2026-03-14T09:12:34Z INFO request_id=" + uuid + " status=200 path=/v1/orders\n");
      add(out, "uuid", "{\"id\": \"" + uuid + "\", \"kind\": \"job\", \"state\": \"done\"}\n");
      add(out, "uuid", "metadata:\n  name: worker-7\n  uid: " + uuid + "\n");
      byte[] blob = new byte[48 + random.nextInt(400)];
      random.nextBytes(blob);
      String b64 = Base64.getEncoder().encodeToString(blob);
      add(
          out,
          "base64",
          "{\"attachment\": {\"name\": \"report.bin\", \"data\": \"" + b64 + "\"}}\n");
      add(
          out,
          "base64",
          "payload=" + Base64.getUrlEncoder().withoutPadding().encodeToString(blob) + "\n");
      add(out, "numbers", numbers(random));
    }
    return out;
  }

  /**
   * Look-alikes of {@code generator}'s values in the helper's own context for them: the value
   * masked and, where the type has a checksum this class knows, the value with its checksum broken.
   */
  static List<Sample> lookAlikes(TypeGenerator generator, Random random, int count) {
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      TypeGenerator.Snippet s = generator.nextInContext(random);
      String value = s.text().substring(s.start(), s.end());
      if (value.indexOf('\n') < 0) {
        String masked = mask(value, generator.isCredential() ? 'x' : '*');
        out.add(replaced(s, masked, "masked/" + generator.type()));
      }
      String broken = breakChecksum(generator.type(), value, random);
      if (broken != null) {
        out.add(replaced(s, broken, "checksum-invalid/" + generator.type()));
      }
    }
    return out;
  }

  /** {@code count} texts from each of a helper's own hard negatives. */
  static List<Sample> fromHelper(List<Generators.Negative> negatives, Random random, int count) {
    List<Sample> out = new ArrayList<>();
    for (Generators.Negative n : negatives) {
      for (int i = 0; i < count; i++) {
        add(out, "helper/" + n.note().replace(' ', '-'), n.text().apply(random));
      }
    }
    return out;
  }

  /**
   * {@code value} with one character changed so that its embedded checksum no longer holds, or
   * {@code null} if this type has no checksum known here.
   */
  static String breakChecksum(String type, String value, Random random) {
    String t = type.toLowerCase(Locale.ROOT);
    if (t.contains("card") || t.contains("credit") || t.endsWith("pan")) {
      return changeDigit(value, lastDigit(value), random);
    }
    if (t.contains("iban") || t.contains("nhs")) {
      return changeDigit(value, firstDigitFrom(value, t.contains("iban") ? 4 : 0), random);
    }
    if (t.contains("ssn")) {
      int first = firstDigitFrom(value, 0);
      if (first < 0 || first + 3 > value.length()) {
        return null;
      }
      return value.substring(0, first) + "666" + value.substring(first + 3);
    }
    if (value.matches("gh[pousr]_[A-Za-z0-9]{36}") || value.matches("npm_[A-Za-z0-9]{36}")) {
      return changeAlnum(value, 6, random);
    }
    return null;
  }

  private static String mask(String value, char with) {
    int keep = Math.min(value.length() / 5, 8);
    for (int i = 0; i < Math.min(value.length(), 12); i++) {
      if (value.charAt(i) == '_' || value.charAt(i) == '-') {
        keep = i + 1;
        break;
      }
    }
    StringBuilder out = new StringBuilder(value.substring(0, keep));
    for (int i = keep; i < value.length(); i++) {
      char c = value.charAt(i);
      out.append(Character.isLetterOrDigit(c) ? with : c);
    }
    return out.toString();
  }

  private static String numbers(Random random) {
    return String.format(
        Locale.ROOT,
        "order ORD-%d-%06d placed at %d (v%d.%d.%d), invoice INV-%05d, build %d.%d, %d items%n",
        2020 + random.nextInt(7),
        random.nextInt(1_000_000),
        1_700_000_000_000L + (long) (random.nextDouble() * 80_000_000_000L),
        random.nextInt(5),
        random.nextInt(30),
        random.nextInt(20),
        random.nextInt(100_000),
        20260000 + random.nextInt(10000),
        random.nextInt(50),
        1 + random.nextInt(40));
  }

  private static String digest(String algorithm, Random random) {
    byte[] input = new byte[32];
    random.nextBytes(input);
    try {
      return HEX.formatHex(MessageDigest.getInstance(algorithm).digest(input));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int lastDigit(String value) {
    for (int i = value.length() - 1; i >= 0; i--) {
      if (Character.isDigit(value.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static int firstDigitFrom(String value, int from) {
    for (int i = from; i < value.length(); i++) {
      if (Character.isDigit(value.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static String changeDigit(String value, int at, Random random) {
    if (at < 0) {
      return null;
    }
    int digit = value.charAt(at) - '0';
    char changed = (char) ('0' + (digit + 1 + random.nextInt(9)) % 10);
    return value.substring(0, at) + changed + value.substring(at + 1);
  }

  private static String changeAlnum(String value, int at, Random random) {
    char c = value.charAt(at);
    char changed;
    if (Character.isDigit(c)) {
      changed = (char) ('0' + (c - '0' + 1 + random.nextInt(9)) % 10);
    } else if (Character.isUpperCase(c)) {
      changed = (char) ('A' + (c - 'A' + 1 + random.nextInt(25)) % 26);
    } else {
      changed = (char) ('a' + (c - 'a' + 1 + random.nextInt(25)) % 26);
    }
    return value.substring(0, at) + changed + value.substring(at + 1);
  }

  private static Sample replaced(TypeGenerator.Snippet s, String value, String category) {
    String text = s.text().substring(0, s.start()) + value + s.text().substring(s.end());
    return new Sample("", "negative/" + category, text, List.of());
  }

  private static void add(List<Sample> out, String category, String text) {
    out.add(new Sample("", "negative/" + category, text, List.of()));
  }

  private static Sample negative(String id, String category, StringBuilder body) {
    return new Sample(id, "negative/" + category, body.toString().strip() + "\n", List.of());
  }
}
