package dev.tether.agent.enforce;

/** Bounds on what the ledgers keep (and so on what a ledger file may hold). */
final class LedgerLimits {
  /** Longest reason or approver's note kept (longer is cut). */
  static final int MAX_REASON = 500;

  /** Longest decision/request id accepted. */
  static final int MAX_ID = 64;

  private LedgerLimits() {}

  /** {@code value} cut to {@code max} characters; null stays null. */
  static String cut(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }

  /** Checks the parts of a request key are of plausible length. */
  static RequestKey key(String name, RequestKey key) {
    if (key == null) {
      throw new IllegalArgumentException(name + ": required");
    }
    if (key.contentDigest().length() > 100
        || key.user().length() > 256
        || key.host().length() > 255) {
      throw new IllegalArgumentException(name + ": digest, user or host too long");
    }
    return key;
  }

  /** Checks an id is present, short and printable. */
  static void id(String key, String value) {
    if (value == null || value.isEmpty() || value.length() > MAX_ID) {
      throw new IllegalArgumentException(key + ": expected 1-" + MAX_ID + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new IllegalArgumentException(key + ": unexpected character at " + i);
      }
    }
  }
}
