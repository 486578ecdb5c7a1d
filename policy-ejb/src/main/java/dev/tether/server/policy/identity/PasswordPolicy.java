package dev.tether.server.policy.identity;

import java.util.Locale;
import java.util.Set;

/**
 * What a new password must satisfy (NIST SP 800-63B style: length over composition rules): 12 to
 * 128 characters, not the username or containing it, not one repeated character, not a well-known
 * password. Violations throw with a message naming the rule, never echoing the password.
 */
public final class PasswordPolicy {
  public static final int MIN_LENGTH = 12;
  public static final int MAX_LENGTH = 128;

  private static final Set<String> COMMON =
      Set.of(
          "password1234",
          "password12345",
          "password123456",
          "passw0rd1234",
          "123456789012",
          "1234567890123",
          "qwertyuiop12",
          "qwertyuiopas",
          "iloveyou1234",
          "administrator",
          "administrator1",
          "letmein12345",
          "welcome12345",
          "changeme1234",
          "tetheradmin1",
          "tether123456",
          "superadmin12",
          "aaaaaaaaaaaa",
          "abcdefghijkl",
          "abc123abc123");

  private PasswordPolicy() {}

  /**
   * @throws IllegalArgumentException naming the broken rule ({@code password: ...})
   */
  public static void check(String username, char[] password) {
    if (password == null || password.length < MIN_LENGTH) {
      throw new IllegalArgumentException(
          "password: at least " + MIN_LENGTH + " characters required");
    }
    if (password.length > MAX_LENGTH) {
      throw new IllegalArgumentException("password: at most " + MAX_LENGTH + " characters");
    }
    String value = new String(password);
    String lower = value.toLowerCase(Locale.ROOT);
    if (username != null
        && username.length() >= 3
        && lower.contains(username.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("password: must not contain the username");
    }
    if (value.chars().distinct().count() < 4) {
      throw new IllegalArgumentException("password: at least 4 different characters required");
    }
    if (COMMON.contains(lower)) {
      throw new IllegalArgumentException("password: is a well-known password");
    }
  }
}
