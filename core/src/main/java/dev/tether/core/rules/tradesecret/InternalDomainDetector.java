package dev.tether.core.rules.tradesecret;

import dev.tether.core.policy.DetectorFamilies;
import dev.tether.core.rules.Detector;
import dev.tether.core.rules.Finding;
import dev.tether.core.rules.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds internal domains and their sub-domains in host names, URLs and e-mail addresses.
 *
 * <p>Decisions, for internal domain {@code corp.acme.com}:
 *
 * <ul>
 *   <li>{@code git.corp.acme.com}, {@code https://corp.acme.com:8443/x}, {@code a@corp.acme.com}
 *       and {@code CORP.ACME.COM} match; the span covers the whole host name (sub-domain labels
 *       included, e-mail local part and URL scheme excluded).
 *   <li>{@code notcorp.acme.com} does not match: it is a different domain, not a sub-domain.
 *   <li>{@code corp.acme.com.evil.com} does not match: it is a host under {@code evil.com}; a
 *       trailing dot that ends a sentence ({@code ... on corp.acme.com.}) still matches.
 *   <li>{@code corp.acme.company.com} and {@code corp.acme.com-old} do not match: the label goes
 *       on.
 * </ul>
 */
final class InternalDomainDetector implements Detector {
  static final String ID = "internal-domain";
  static final String TYPE = "internal-hostname";
  private static final int MAX_HOST = 253;

  private final LiteralMatcher matcher;
  private final Set<String> keywords;

  /**
   * @param domains validated, lowercase domains
   */
  InternalDomainDetector(List<String> domains) {
    this.matcher = new LiteralMatcher(domains);
    this.keywords = Set.copyOf(domains);
  }

  @Override
  public String family() {
    return DetectorFamilies.TRADE_SECRET_MARKERS;
  }

  @Override
  public Set<String> keywords() {
    return keywords;
  }

  @Override
  public List<Finding> scan(CharSequence text) {
    List<int[]> spans = new ArrayList<>();
    matcher.scan(
        text,
        new LiteralMatcher.Hits() {
          @Override
          public boolean mayEndAt(int end) {
            return endsHost(text, end);
          }

          @Override
          public boolean hit(int literal, int start, int end) {
            if (start == 0 || !isLabelChar(text.charAt(start - 1))) {
              spans.add(new int[] {withSubdomains(text, start), end});
            }
            return spans.size() < PhraseDetector.MAX_HITS;
          }
        });
    List<Finding> findings = new ArrayList<>();
    for (int[] span : Spans.leftmostLongest(spans)) {
      findings.add(
          new Finding(
              ID,
              TYPE,
              DetectorFamilies.TRADE_SECRET_MARKERS,
              Severity.MEDIUM,
              0.95,
              span[0],
              span[1]));
    }
    return findings;
  }

  /** True if the host name ends at {@code end}: no label character, no further {@code .label}. */
  private static boolean endsHost(CharSequence text, int end) {
    if (end >= text.length()) {
      return true;
    }
    char next = text.charAt(end);
    if (isLabelChar(next)) {
      return false;
    }
    return !(next == '.' && end + 1 < text.length() && isLabelChar(text.charAt(end + 1)));
  }

  /** The start of the full host name: moves left over {@code label.} sub-domain prefixes. */
  private static int withSubdomains(CharSequence text, int start) {
    int s = start;
    while (s > 1 && text.charAt(s - 1) == '.' && isLabelChar(text.charAt(s - 2))) {
      int k = s - 1;
      while (k > 0 && isLabelChar(text.charAt(k - 1)) && start - (k - 1) <= MAX_HOST) {
        k--;
      }
      if (start - k > MAX_HOST) {
        break;
      }
      s = k;
    }
    return s;
  }

  private static boolean isLabelChar(char c) {
    return Character.isLetterOrDigit(c) || c == '-' || c == '_';
  }
}
