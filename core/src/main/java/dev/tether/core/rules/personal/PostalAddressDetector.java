package dev.tether.core.rules.personal;

import dev.tether.core.policy.DetectorFamilies;
import dev.tether.core.rules.Detector;
import dev.tether.core.rules.Finding;
import dev.tether.core.rules.Severity;
import dev.tether.core.rules.support.ContextWords;
import java.util.ArrayList;
import java.util.List;

/**
 * Postal addresses: US street addresses (house number, name words, street suffix, optional unit,
 * city, state and ZIP) anywhere, read by {@link UsStreetAddresses}; UK postcodes ({@code SW1A 1AA})
 * only near an address word, since alone they look like part numbers.
 */
final class PostalAddressDetector implements Detector {
  static final String US_ID = "us-street-address";

  static final Scoring SCORING =
      new Scoring(
          ContextWords.of(
              60,
              10,
              "address",
              "ship to",
              "shipping",
              "billing",
              "mailing",
              "lives at",
              "resides",
              "located at",
              "deliver",
              "delivery",
              "home",
              "postcode",
              "residence"),
          ContextWords.of(40, 5, "example", "sample", "fictional", "test"),
          0.15,
          0.35);

  @Override
  public String family() {
    return DetectorFamilies.PERSONAL_DATA;
  }

  @Override
  public List<Finding> scan(CharSequence input) {
    String text = input.toString(); // a String already in practice; its charAt is the fast path
    List<Finding> findings = new ArrayList<>();
    int n = text.length();
    for (int p = Scoring.nextDigit(text, 0); p + 4 < n; p = Scoring.nextDigit(text, p + 1)) {
      if (p > 0 && !isStartBoundary(text.charAt(p - 1))) {
        continue;
      }
      int q = p;
      while (q < n && q - p < 7 && Scoring.isDigit(text.charAt(q))) {
        q++;
      }
      if (q + 1 >= n
          || text.charAt(q) != ' '
          || !(Character.isUpperCase(text.charAt(q + 1)) || Scoring.isDigit(text.charAt(q + 1)))) {
        p = q;
        continue;
      }
      UsStreetAddresses.Match match = UsStreetAddresses.read(text, p);
      if (match != null) {
        double base = match.withZip() ? 0.85 : 0.6;
        findings.add(
            new Finding(
                US_ID,
                "postal-address",
                family(),
                Severity.MEDIUM,
                SCORING.score(base, text, match.start(), match.end()),
                match.start(),
                match.end()));
        p = match.end();
      } else {
        p = q;
      }
    }
    return findings;
  }

  private static boolean isStartBoundary(char prev) {
    // a house number starts a token: not "v2", "1.5", "ISO-9001", "#12", "$100"
    return !Scoring.isAlnum(prev)
        && prev != '.'
        && prev != '-'
        && prev != '/'
        && prev != '_'
        && prev != '#'
        && prev != '+'
        && prev != '$'
        && prev != '@';
  }
}
