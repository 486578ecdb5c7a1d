package dev.tether.core.rules.credentials;

import dev.tether.core.policy.DetectorFamilies;
import dev.tether.core.rules.Detector;
import dev.tether.core.rules.Finding;
import dev.tether.core.rules.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Family {@value #FAMILY}: private keys in every PEM and OpenSSH armour (PKCS#1, PKCS#8, encrypted
 * PKCS#8, EC, DSA, OpenSSH, PGP). A header counts only when real key material follows it (at least
 * {@value #MIN_BODY_CHARS} Base64 characters, also when newlines are JSON-escaped), so a truncated
 * example such as {@code -----BEGIN PRIVATE KEY-----\n...} does not fire.
 */
final class PrivateKeyDetector implements Detector {
  static final String FAMILY = DetectorFamilies.PRIVATE_KEYS;
  static final int MIN_BODY_CHARS = 64;

  private static final Pattern HEADER =
      Pattern.compile(
          "-----BEGIN ((?:RSA |EC |DSA |ENCRYPTED |OPENSSH |PGP )?PRIVATE KEY(?: BLOCK)?)-----");

  /** How far after the header the key material is looked for. */
  private static final int LOOKAHEAD = 8192;

  @Override
  public Set<String> keywords() {
    return Set.of("private key");
  }

  @Override
  public String family() {
    return FAMILY;
  }

  @Override
  public List<Finding> scan(CharSequence text) {
    List<Finding> findings = new ArrayList<>();
    Matcher header = HEADER.matcher(text);
    while (header.find()) {
      int bodyEnd = Math.min(text.length(), header.end() + LOOKAHEAD);
      int base64 = 0;
      int i = header.end();
      while (i < bodyEnd && text.charAt(i) != '-') {
        char c = text.charAt(i);
        if (isBase64(c)) {
          base64++;
        } else if (c == '\\' && i + 1 < bodyEnd && text.charAt(i + 1) == 'n') {
          i++; // a JSON-escaped newline, not key material
        }
        i++;
      }
      if (base64 >= MIN_BODY_CHARS) {
        String id =
            header.group(1).startsWith("OPENSSH") ? "openssh-private-key" : "pem-private-key";
        findings.add(
            new Finding(id, "private-key", FAMILY, Severity.CRITICAL, 0.99, header.start(), i));
      }
    }
    return findings;
  }

  private static boolean isBase64(char c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '+'
        || c == '/'
        || c == '=';
  }
}
