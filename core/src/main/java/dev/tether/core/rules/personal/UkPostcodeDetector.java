package dev.tether.core.rules.personal;

import dev.tether.core.policy.DetectorFamilies;
import dev.tether.core.rules.Detector;
import dev.tether.core.rules.Finding;
import dev.tether.core.rules.Severity;
import dev.tether.core.rules.support.KeywordWindows;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * UK postcodes ({@code SW1A 1AA}, {@code LS1 4DY}) near an address word only, since alone they look
 * like part numbers. Outward code shapes A9, A99, AA9, AA99, A9A, AA9A with the letters each
 * position allows; inward code a digit and two letters (never C, I, K, M, O, V).
 */
final class UkPostcodeDetector implements Detector {
  static final String ID = "uk-postcode";

  private static final List<String> WORDS =
      List.of(
          "postcode",
          "post code",
          "address",
          "uk",
          "united kingdom",
          "england",
          "scotland",
          "wales",
          "london",
          "ship to",
          "deliver",
          "delivery");
  private static final KeywordWindows WINDOWS = KeywordWindows.of(WORDS);
  private static final Pattern POSTCODE =
      Pattern.compile(
          "(?<![\\w-])((?:[A-PR-UWYZ]\\d{1,2}|[A-PR-UWYZ][A-HK-Y]\\d{1,2}|[A-PR-UWYZ]\\d[A-HJKPSTUW]"
              + "|[A-PR-UWYZ][A-HK-Y]\\d[ABEHMNPRVWXY]) ?\\d[ABD-HJLNP-UW-Z]{2})(?![\\w-])");

  @Override
  public String family() {
    return DetectorFamilies.PERSONAL_DATA;
  }

  @Override
  public Set<String> keywords() {
    return Set.of(
        "postcode",
        "post code",
        "post_code",
        "address",
        "uk",
        "united kingdom",
        "england",
        "scotland",
        "wales",
        "london",
        "ship to",
        "ship_to",
        "deliver");
  }

  @Override
  public List<Finding> scan(CharSequence text) {
    List<Finding> findings = new ArrayList<>();
    InContext.forEachMatch(
        text,
        WINDOWS,
        120,
        120,
        POSTCODE,
        m ->
            findings.add(
                new Finding(
                    ID,
                    "postal-address",
                    family(),
                    Severity.MEDIUM,
                    PostalAddressDetector.SCORING.score(0.7, text, m.start(1), m.end(1)),
                    m.start(1),
                    m.end(1))));
    return findings;
  }
}
