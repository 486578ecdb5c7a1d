package dev.tether.core.rules.personal;

import dev.tether.core.policy.DetectorFamilies;
import dev.tether.core.rules.Detector;
import dev.tether.core.rules.Finding;
import dev.tether.core.rules.Severity;
import dev.tether.core.rules.support.ContextWords;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * E-mail addresses, read outwards from each {@code @} by hand (local part up to 64 characters,
 * domain up to 253, alphabetic top-level domain). Documentation and machine addresses are not
 * reported: RFC 2606 names (example.com/.org/.net, .test, .invalid, .localhost, .example),
 * noreply/no-reply/donotreply senders or domains, {@code git@} remotes and file names like {@code
 * icon@2x.png}.
 */
final class EmailDetector implements Detector {
  static final String ID = "email-address";
  private static final int MAX_LOCAL = 64;
  private static final int MAX_DOMAIN = 253;
  private static final int MAX_USERINFO = 256;

  private static final Set<String> RESERVED_DOMAINS =
      Set.of("example.com", "example.org", "example.net", "test.com", "localhost", "domain.com");
  private static final Set<String> RESERVED_TLDS =
      Set.of("test", "example", "invalid", "localhost", "local", "internal");
  private static final Set<String> FILE_TLDS =
      Set.of(
          "png", "jpg", "jpeg", "gif", "svg", "webp", "ico", "js", "mjs", "ts", "css", "html",
          "json", "map", "md", "txt", "pdf", "woff", "woff2");
  private static final Set<String> MACHINE_NAMES =
      Set.of(
          "noreply",
          "no-reply",
          "no_reply",
          "donotreply",
          "do-not-reply",
          "do_not_reply",
          "mailer-daemon",
          "git",
          "test",
          "invalid");

  private static final Scoring SCORING =
      new Scoring(
          ContextWords.of(40, 10, "email", "e-mail", "mail", "contact", "mailto", "reach"),
          ContextWords.of(30, 5, "example", "sample", "placeholder", "dummy", "fake"),
          0.1,
          0.4);

  @Override
  public String family() {
    return DetectorFamilies.CONTACT_DETAILS;
  }

  @Override
  public Set<String> keywords() {
    return Set.of("@");
  }

  @Override
  public List<Finding> scan(CharSequence input) {
    String text = input.toString(); // a String already in practice; its charAt is the fast path
    List<Finding> findings = new ArrayList<>();
    int n = text.length();
    for (int at = text.indexOf('@', 1); at >= 0 && at + 3 < n; at = text.indexOf('@', at + 1)) {
      int start = at;
      while (start > 0 && at - start < MAX_LOCAL && isLocal(text.charAt(start - 1))) {
        start--;
      }
      while (start < at && text.charAt(start) == '.') {
        start++; // a sentence-ending dot before the address is not part of it
      }
      if (start == at
          || (start > 0 && isLocal(text.charAt(start - 1)))
          || inUrlUserinfo(text, start)) {
        continue;
      }
      int end = domainEnd(text, at + 1);
      if (end < 0) {
        continue;
      }
      String local = text.subSequence(start, at).toString().toLowerCase(Locale.ROOT);
      String domain = text.subSequence(at + 1, end).toString().toLowerCase(Locale.ROOT);
      if (local.endsWith(".") || local.contains("..") || suppressed(local, domain)) {
        continue;
      }
      findings.add(
          new Finding(
              ID,
              "email-address",
              family(),
              Severity.LOW,
              SCORING.score(0.85, text, start, end),
              start,
              end));
      at = end - 1;
    }
    return findings;
  }

  /** End of a dotted domain starting at {@code from}, or -1; a trailing dot is excluded. */
  private static int domainEnd(CharSequence text, int from) {
    int n = text.length();
    int j = from;
    int lastDot = -1;
    int labelLength = 0;
    while (j < n && j - from < MAX_DOMAIN) {
      char c = text.charAt(j);
      if (Scoring.isAlnum(c) || (c == '-' && labelLength > 0)) {
        labelLength++;
      } else if (c == '.' && labelLength > 0 && j + 1 < n && Scoring.isAlnum(text.charAt(j + 1))) {
        lastDot = j;
        labelLength = 0;
      } else {
        break;
      }
      j++;
    }
    if (lastDot < 0 || (j < n && (text.charAt(j) == '@' || text.charAt(j) == '_'))) {
      return -1;
    }
    int tld = j - lastDot - 1;
    if (tld < 2 || tld > 24) {
      return -1;
    }
    for (int k = lastDot + 1; k < j; k++) {
      if (Scoring.isDigit(text.charAt(k)) || text.charAt(k) == '-') {
        return -1;
      }
    }
    return j;
  }

  /**
   * True if {@code start} lies in the userinfo of a URL ({@code scheme://user:secret@host}), such
   * as a Sentry DSN or a database URL: that is a credential or a user name, not an address. Looks
   * back at most {@value #MAX_USERINFO} characters, so the check stays linear.
   */
  static boolean inUrlUserinfo(String text, int start) {
    int limit = Math.max(0, start - MAX_USERINFO);
    for (int i = start - 1; i >= limit; i--) {
      char c = text.charAt(i);
      if (c == '/' && i >= 2 && text.charAt(i - 1) == '/' && text.charAt(i - 2) == ':') {
        return true;
      }
      if (Character.isWhitespace(c) || c == '/' || c == '"' || c == '\'' || c == '@' || c == '<') {
        return false;
      }
    }
    return false;
  }

  static boolean suppressed(String local, String domain) {
    String tld = domain.substring(domain.lastIndexOf('.') + 1);
    if (RESERVED_DOMAINS.contains(domain)
        || RESERVED_TLDS.contains(tld)
        || FILE_TLDS.contains(tld)
        || domain.endsWith(".example.com")
        || domain.endsWith(".example.org")
        || domain.endsWith(".example.net")
        || MACHINE_NAMES.contains(local)
        || local.contains("noreply")
        || local.contains("donotreply")) {
      return true;
    }
    for (String label : domain.split("\\.")) {
      if (MACHINE_NAMES.contains(label)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isLocal(char c) {
    return Scoring.isAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
  }
}
