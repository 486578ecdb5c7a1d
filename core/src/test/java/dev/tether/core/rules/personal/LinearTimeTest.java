package dev.tether.core.rules.personal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.core.rules.Detector;
import dev.tether.core.rules.ScanCost;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Adversarial inputs (ReDoS-style repetitions of what each detector looks for) cost work linear in
 * their length, and clean text is not scanned with a per-character regex. Costs are CPU time of the
 * scanning thread, best of several runs, compared between two sizes ({@link ScanCost}), so the test
 * is stable on a loaded CI machine; the JMH benchmarks measure real throughput.
 */
class LinearTimeTest {
  private static final int SIZE = 1 << 20;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          grouped digits forever          | '4111 '
          dashed digits forever           | '1-'
          digits forever                  | '4'
          at signs and dots               | 'a.b@c.'
          plus signs                      | '+1 '
          ssn keyword with numbers        | 'ssn 123-45-'
          nhs keyword with digits         | 'nhs 123 '
          passport keyword with filler    | 'passport no '
          dob keyword with numbers        | 'dob 12/'
          mrn and patient                 | 'patient mrn 1234 '
          icd codes                       | 'dx E11.'
          house numbers and names         | '12 Oak '
          iban prefixes                   | 'DE89 '
          uk postcode context             | 'uk SW1A '
          """)
  void scan_adversarialRepetition_isLinear(String note, String unit) {
    // quadratic behaviour would take minutes on 1 MB and grow 256x for 16x the input
    ScanCost.assertLinear(note, SIZE, size -> repeat(unit, size), LinearTimeTest::scanAll);
  }

  @Test
  void scan_cleanText_alwaysOnDetectorsAreFast() {
    String clean =
        repeat(
            "The quarterly report shows revenue grew 12% while costs fell; see section 4.2 for"
                + " details. for (int i = 0; i < n; i++) { total = values[i]; }\n",
            4 * SIZE);
    List<Detector> alwaysOn =
        PersonalDataDetectors.all().stream().filter(d -> d.keywords().isEmpty()).toList();
    for (Detector detector : alwaysOn) {
      detector.scan(clean);
    }
    long best =
        ScanCost.bestOf(
            clean,
            text -> {
              for (Detector detector : alwaysOn) {
                detector.scan(text);
              }
            });
    double mbPerSecond = clean.length() * 1e3 / best;

    // detectors without keywords run on every text, so they carry the clean-text throughput; the
    // bound only catches gross regressions (a regex over every character): measured alone they
    // run at about 1 GB/s together; CPU time of this thread, so other builds on the machine do
    // not count
    assertThat(alwaysOn).extracting(d -> d.getClass().getSimpleName()).hasSize(3);
    assertThat(mbPerSecond).as("clean-text MB/s of the always-on detectors").isGreaterThan(10);
  }

  private static void scanAll(String text) {
    for (Detector detector : PersonalDataDetectors.all()) {
      detector.scan(text);
    }
  }

  private static String repeat(String unit, int length) {
    StringBuilder out = new StringBuilder(length + unit.length());
    while (out.length() < length) {
      out.append(unit);
    }
    return out.toString();
  }
}
