package dev.tether.core.rules.credentials;

import dev.tether.core.rules.support.Placeholders;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks applied to candidate secret values: placeholders, references to other variables ({@code
 * ${VAR}}, {@code os.getenv(...)}), well-known weak or example values, character mix.
 */
final class Values {
  private Values() {}

  /** Values that are words, not secrets, whatever key they are assigned to. */
  private static final Set<String> NOT_SECRETS =
      Set.of(
          "password",
          "passwd",
          "changeme",
          "change_me",
          "secret",
          "admin",
          "root",
          "test",
          "testing",
          "default",
          "none",
          "null",
          "nil",
          "true",
          "false",
          "undefined",
          "string",
          "required",
          "optional",
          "hunter2",
          "letmein",
          "qwerty",
          "123456",
          "12345678",
          "token",
          "your-password",
          "mypassword",
          "<password>",
          "pass",
          "example",
          "sample",
          "dummy");

  private static final Pattern DOTTED_IDENTIFIER =
      Pattern.compile("[A-Za-z_$]{1,64}+(?:\\.[A-Za-z_$]{1,64}+){1,8}+");

  /** Not a placeholder, an example, or a run of few distinct characters. */
  static boolean plausible(String candidate) {
    return !Placeholders.isPlaceholder(candidate) && !isSequence(candidate);
  }

  /** A plausible value with Shannon entropy above {@code bits} per character. */
  static boolean plausible(String candidate, double bits) {
    return plausible(candidate) && Placeholders.entropy(candidate) > bits;
  }

  /**
   * True if {@code value} points at a secret instead of being one: template and shell variables,
   * environment look-ups, function calls, dotted identifiers such as {@code config.db.password}.
   */
  static boolean isReference(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    return value.startsWith("$")
        || value.startsWith("%")
        || value.startsWith("<")
        || value.startsWith("{")
        || value.startsWith("#{")
        || value.startsWith("@")
        || value.contains("(")
        || value.contains("[")
        || value.contains("{{")
        || value.contains("${")
        || lower.contains("getenv")
        || lower.contains("environ")
        || lower.contains("process.env")
        || lower.startsWith("env.")
        || lower.startsWith("secrets.")
        || DOTTED_IDENTIFIER.matcher(value).matches();
  }

  /** True if {@code value} is a word people put where a secret goes ({@code changeme}). */
  static boolean isCommonWord(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    return NOT_SECRETS.contains(lower) || lower.contains("password") || lower.startsWith("xxx");
  }

  /** A value that could be a password someone typed: not a word, not a reference, mixed. */
  static boolean plausiblePassword(String value) {
    if (value.length() < 6 || isReference(value) || !plausible(value)) {
      return false;
    }
    return !isCommonWord(value) && characterClasses(value) >= 2;
  }

  /** How many of lower case, upper case, digits and symbols occur in {@code s}. */
  static int characterClasses(String s) {
    boolean lower = false;
    boolean upper = false;
    boolean digit = false;
    boolean other = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'a' && c <= 'z') {
        lower = true;
      } else if (c >= 'A' && c <= 'Z') {
        upper = true;
      } else if (c >= '0' && c <= '9') {
        digit = true;
      } else {
        other = true;
      }
    }
    return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
  }

  /** Base64 (standard or URL alphabet, padding optional) decoded, or empty if it is not. */
  static Optional<byte[]> base64(String s) {
    String normal = s.replace('-', '+').replace('_', '/');
    int pad = (4 - normal.length() % 4) % 4;
    if (pad == 3) {
      return Optional.empty();
    }
    try {
      return Optional.of(Base64.getDecoder().decode(normal + "=".repeat(pad)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Base64 that decodes to printable ASCII, or empty. */
  static Optional<String> base64Text(String s) {
    Optional<byte[]> bytes = base64(s);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    for (byte b : bytes.get()) {
      if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' || b == 0x7f) {
        return Optional.empty();
      }
    }
    return Optional.of(new String(bytes.get(), StandardCharsets.US_ASCII));
  }

  /** {@code abcdef...}, {@code 0123456...}: ascending runs covering most of the value. */
  private static boolean isSequence(String s) {
    if (s.length() < 8) {
      return false;
    }
    int ascending = 0;
    for (int i = 1; i < s.length(); i++) {
      if (s.charAt(i) == s.charAt(i - 1) + 1) {
        ascending++;
      }
    }
    return ascending * 2 > s.length();
  }
}
