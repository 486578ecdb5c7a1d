package dev.tether.server.policy.identity;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes (RFC 9106) in the PHC string format {@code
 * $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>} (standard Base64, no padding).
 *
 * <p>Guarantees: a fresh 16-byte random salt per hash; a 32-byte tag; verification recomputes with
 * the parameters stored in the hash (so raising the cost later keeps old hashes verifiable and
 * {@link #needsRehash} says when to upgrade) and compares in constant time; malformed or
 * out-of-bounds stored hashes never verify. The password's bytes are wiped after use.
 *
 * @param memoryKib memory cost in KiB (default {@value #DEFAULT_MEMORY_KIB}, OWASP's 19 MiB)
 * @param iterations passes over memory (default {@value #DEFAULT_ITERATIONS})
 * @param parallelism lanes (default {@value #DEFAULT_PARALLELISM})
 */
public record PasswordHasher(int memoryKib, int iterations, int parallelism) {
  public static final int DEFAULT_MEMORY_KIB = 19_456;
  public static final int DEFAULT_ITERATIONS = 2;
  public static final int DEFAULT_PARALLELISM = 1;

  /** Bounds on parameters read from a stored hash (a hostile row must not cost a gigabyte). */
  static final int MAX_MEMORY_KIB = 262_144;

  static final int MAX_ITERATIONS = 16;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();

  public PasswordHasher {
    if (memoryKib < 8 * parallelism || memoryKib > MAX_MEMORY_KIB) {
      throw new IllegalArgumentException("argon2.memoryKib: out of range, got " + memoryKib);
    }
    if (iterations < 1 || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException(
          "argon2.iterations: 1.." + MAX_ITERATIONS + ", got " + iterations);
    }
    if (parallelism < 1 || parallelism > 4) {
      throw new IllegalArgumentException("argon2.parallelism: 1..4, got " + parallelism);
    }
  }

  /** The production parameters. */
  public static PasswordHasher standard() {
    return new PasswordHasher(DEFAULT_MEMORY_KIB, DEFAULT_ITERATIONS, DEFAULT_PARALLELISM);
  }

  /** Hashes {@code password} with a fresh salt; returns the PHC string. */
  public String hash(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] tag = derive(password, salt, memoryKib, iterations, parallelism, HASH_BYTES);
    return "$argon2id$v=19$m="
        + memoryKib
        + ",t="
        + iterations
        + ",p="
        + parallelism
        + "$"
        + B64.encodeToString(salt)
        + "$"
        + B64.encodeToString(tag);
  }

  /**
   * True if {@code password} matches {@code stored}. A malformed stored value returns false after
   * spending the same work as a real check, so timing does not tell the two apart.
   */
  public boolean verify(char[] password, String stored) {
    Parsed parsed = parse(stored);
    if (parsed == null) {
      derive(password, new byte[SALT_BYTES], memoryKib, iterations, parallelism, HASH_BYTES);
      return false;
    }
    byte[] actual = derive(password, parsed.salt, parsed.m, parsed.t, parsed.p, parsed.tag.length);
    return MessageDigest.isEqual(actual, parsed.tag);
  }

  /** True if {@code stored} was made with other parameters than these (rehash after login). */
  public boolean needsRehash(String stored) {
    Parsed parsed = parse(stored);
    return parsed == null
        || parsed.m != memoryKib
        || parsed.t != iterations
        || parsed.p != parallelism;
  }

  private record Parsed(int m, int t, int p, byte[] salt, byte[] tag) {}

  private static Parsed parse(String stored) {
    if (stored == null || stored.length() > 256) {
      return null;
    }
    String[] parts = stored.split("\\$", -1);
    // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
    if (parts.length != 6
        || !parts[0].isEmpty()
        || !"argon2id".equals(parts[1])
        || !"v=19".equals(parts[2])) {
      return null;
    }
    try {
      int m = -1;
      int t = -1;
      int p = -1;
      for (String kv : parts[3].split(",", -1)) {
        int eq = kv.indexOf('=');
        int v = Integer.parseInt(kv.substring(eq + 1));
        switch (kv.substring(0, Math.max(eq, 0))) {
          case "m" -> m = v;
          case "t" -> t = v;
          case "p" -> p = v;
          default -> {
            return null;
          }
        }
      }
      byte[] salt = B64D.decode(parts[4]);
      byte[] tag = B64D.decode(parts[5]);
      if (p < 1
          || p > 4
          || m < 8 * p
          || m > MAX_MEMORY_KIB
          || t < 1
          || t > MAX_ITERATIONS
          || salt.length < 8
          || salt.length > 64
          || tag.length < 16
          || tag.length > 64) {
        return null;
      }
      return new Parsed(m, t, p, salt, tag);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static byte[] derive(char[] password, byte[] salt, int m, int t, int p, int length) {
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    if (encoded.hasArray()) {
      Arrays.fill(encoded.array(), (byte) 0);
    }
    try {
      Argon2Parameters params =
          new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
              .withVersion(Argon2Parameters.ARGON2_VERSION_13)
              .withMemoryAsKB(m)
              .withIterations(t)
              .withParallelism(p)
              .withSalt(salt)
              .build();
      Argon2BytesGenerator generator = new Argon2BytesGenerator();
      generator.init(params);
      byte[] out = new byte[length];
      generator.generateBytes(bytes, out);
      return out;
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }
}
