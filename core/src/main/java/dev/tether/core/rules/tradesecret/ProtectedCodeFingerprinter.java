package dev.tether.core.rules.tradesecret;

import dev.tether.core.policy.ProtectedCode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

/**
 * Computes the fingerprints of protected source code, for the console to call when an administrator
 * registers a repository. Only keyed hashes of winnowed token k-grams come out (see {@link
 * Winnowing} for the normalisation and {@link FingerprintKey} for the keying); the code itself is
 * never stored or returned, and a fingerprint is a fixed 16 hex digits whatever the code.
 */
public final class ProtectedCodeFingerprinter {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int SALT_BYTES = 16;

  private ProtectedCodeFingerprinter() {}

  /** A fresh random salt (hex) for a new registration. */
  public static String newSalt() {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return HexFormat.of().formatHex(salt);
  }

  /**
   * The sorted, distinct fingerprints of one source file, keyed with {@code saltHex}. K-grams never
   * span two calls, so fingerprint each file separately.
   */
  public static List<String> fingerprints(CharSequence source, String saltHex) {
    TreeSet<String> out = new TreeSet<>();
    add(out, source, new FingerprintKey(saltHex));
    return new ArrayList<>(out);
  }

  /**
   * A validated policy entry for the given source files under a fresh salt, with the default match
   * thresholds.
   *
   * @throws IllegalArgumentException if the files yield more than {@link
   *     ProtectedCode#MAX_FINGERPRINTS} fingerprints (register a smaller part of the repository) or
   *     none at all
   */
  public static ProtectedCode register(String name, Collection<? extends CharSequence> sources) {
    String salt = newSalt();
    FingerprintKey key = new FingerprintKey(salt);
    TreeSet<String> all = new TreeSet<>();
    for (CharSequence source : sources) {
      add(all, source, key);
      if (all.size() > ProtectedCode.MAX_FINGERPRINTS) {
        throw new IllegalArgumentException(
            "protectedCode "
                + name
                + ": more than "
                + ProtectedCode.MAX_FINGERPRINTS
                + " fingerprints; register a smaller part of the repository");
      }
    }
    if (all.isEmpty()) {
      throw new IllegalArgumentException(
          "protectedCode " + name + ": no fingerprints (files shorter than the k-gram size?)");
    }
    return new ProtectedCode(name, salt, new ArrayList<>(all), null, null)
        .validated("protectedCode");
  }

  private static void add(TreeSet<String> out, CharSequence source, FingerprintKey key) {
    Winnowing.Selection selection = Winnowing.select(source, true);
    for (long fingerprint : key.apply(selection.hashes(), selection.size())) {
      out.add(FingerprintKey.hex(fingerprint));
    }
  }
}
