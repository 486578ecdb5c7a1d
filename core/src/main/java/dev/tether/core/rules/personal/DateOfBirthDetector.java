package dev.tether.core.rules.personal;

import dev.tether.core.policy.DetectorFamilies;
import dev.tether.core.rules.Detector;
import dev.tether.core.rules.Finding;
import dev.tether.core.rules.Severity;
import dev.tether.core.rules.support.KeywordWindows;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates of birth: the first date within 60 characters after "DOB", "date of birth", "born on",
 * "geb." and similar. Dates elsewhere (timestamps, release dates) are never reported. Numeric (ISO,
 * day-month-year, month-day-year) and written ("12 March 1985", "March 12, 1985") forms are
 * accepted when the day and month are in range and the year is 1900..2030.
 */
final class DateOfBirthDetector implements Detector {
  static final String ID = "date-of-birth";
  private static final List<String> KEYWORDS =
      List.of(
          "dob",
          "d.o.b",
          "date of birth",
          "dateofbirth",
          "birth date",
          "birthdate",
          "birthday",
          "born",
          "geb",
          "geboren",
          "geburtsdatum",
          "fecha de nacimiento",
          "date de naissance");
  private static final KeywordWindows WINDOWS = KeywordWindows.of(KEYWORDS);

  private static final String MONTH =
      "(?:jan(?:uary|uar)?|feb(?:ruary|ruar)?|m(?:ar(?:ch)?|ärz|aerz)|apr(?:il)?|ma[iy]"
          + "|june?|juni|july?|juli|aug(?:ust)?|sept?(?:ember)?|o[ck]t(?:ober)?|nov(?:ember)?"
          + "|de[cz](?:ember)?)";

  private static final Pattern DOB =
      Pattern.compile(
          "(?i)(?:dob|d\\.o\\.b\\.?|date[ _-]?of[ _-]?birth|birth[ _-]?date|birthday|born(?: on)?|geb\\."
              + "|geboren(?: am)?|geburtsdatum|fecha[ _-]de[ _-]nacimiento|date[ _-]de[ _-]naissance)"
              + "(?s:.{0,60}?)(?<![\\w./-])("
              + "(?<iy>(?:19|20)\\d{2})(?<is>[-/.])(?<im>\\d{1,2})\\k<is>(?<id>\\d{1,2})"
              + "|(?<na>\\d{1,2})(?<ns>[-/.])(?<nb>\\d{1,2})\\k<ns>(?<ny>(?:19|20)?\\d{2})"
              + "|(?<td>\\d{1,2})(?:st|nd|rd|th)?\\.?\\s(?:of\\s)?"
              + MONTH
              + "\\.?,?\\s(?<ty>(?:19|20)\\d{2})"
              + "|"
              + MONTH
              + "\\.?\\s(?<md>\\d{1,2})(?:st|nd|rd|th)?,?\\s(?<my>(?:19|20)\\d{2}))"
              + "(?![\\w]|[./-]\\d)");

  @Override
  public String family() {
    return DetectorFamilies.PERSONAL_DATA;
  }

  @Override
  public Set<String> keywords() {
    // substrings of every context word, so field names like date_of_birth pass the prefilter
    return Set.of("dob", "d.o.b", "birth", "born", "geb", "nacimiento", "naissance");
  }

  @Override
  public List<Finding> scan(CharSequence text) {
    List<Finding> findings = new ArrayList<>();
    InContext.forEachMatch(
        text,
        WINDOWS,
        0,
        110,
        DOB,
        m -> {
          if (plausible(m)) {
            findings.add(
                new Finding(
                    ID, "date-of-birth", family(), Severity.MEDIUM, 0.85, m.start(1), m.end(1)));
          }
        });
    return findings;
  }

  private static boolean plausible(Matcher m) {
    if (m.group("iy") != null) {
      return year(m.group("iy")) && day(m.group("id")) && month(m.group("im"));
    }
    if (m.group("na") != null) {
      String a = m.group("na");
      String b = m.group("nb");
      return year(m.group("ny")) && ((day(a) && month(b)) || (month(a) && day(b)));
    }
    if (m.group("td") != null) {
      return year(m.group("ty")) && day(m.group("td"));
    }
    return year(m.group("my")) && day(m.group("md"));
  }

  private static boolean year(String y) {
    int value = Integer.parseInt(y);
    return y.length() == 2 || (value >= 1900 && value <= 2030);
  }

  private static boolean day(String d) {
    int value = Integer.parseInt(d);
    return value >= 1 && value <= 31;
  }

  private static boolean month(String mo) {
    int value = Integer.parseInt(mo);
    return value >= 1 && value <= 12;
  }
}
