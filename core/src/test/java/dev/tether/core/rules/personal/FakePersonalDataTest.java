package dev.tether.core.rules.personal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.core.rules.Detector;
import dev.tether.core.rules.Finding;
import dev.tether.core.rules.RuleEngine;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The generator helper's samples are found exactly and its hard negatives are not found. */
class FakePersonalDataTest {
  private static final RuleEngine ENGINE = PersonalDataDetectorsTest.ENGINE;
  private static final int SAMPLES = 150;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 20261126})
  void positives_everySample_isFoundWithExactSpan(long seed) {
    Random random = new Random(seed);
    for (FakePersonalData.Generator generator : FakePersonalData.positives()) {
      for (int i = 0; i < SAMPLES; i++) {
        FakePersonalData.Sample sample = generator.sample(random);

        assertThat(ENGINE.scan(sample.text()))
            .as("%s in: %s", sample.detectorId(), sample.text())
            .anyMatch(
                f ->
                    f.detectorId().equals(sample.detectorId())
                        && f.type().equals(sample.type())
                        && f.start() == sample.start()
                        && f.end() == sample.end());
      }
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 20261126})
  void hardNegatives_areNotFound(long seed) {
    Random random = new Random(seed);
    for (FakePersonalData.Negative negative : FakePersonalData.hardNegatives()) {
      for (int i = 0; i < SAMPLES; i++) {
        String text = negative.text().apply(random);

        assertThat(ENGINE.scan(text)).as("%s: %s", negative.note(), text).isEmpty();
      }
    }
  }

  @Test
  void positives_coverEveryDetectorIdAndType() {
    Set<String> generated =
        FakePersonalData.positives().stream()
            .map(FakePersonalData.Generator::detectorId)
            .collect(Collectors.toSet());

    assertThat(generated)
        .containsExactlyInAnyOrder(
            "payment-card",
            "us-ssn",
            "iban",
            "uk-nhs-number",
            "passport-number",
            "phone-number",
            "email-address",
            "date-of-birth",
            "medical-record-number",
            "icd10-code",
            "medical-record",
            "us-street-address",
            "uk-postcode");
  }

  @Test
  void sample_sameSeed_sameText() {
    FakePersonalData.Generator cards = FakePersonalData.positives().get(0);

    assertThat(cards.sample(new Random(9))).isEqualTo(cards.sample(new Random(9)));
  }

  @Test
  void positives_alwaysPassTheKeywordPrefilter() {
    Random random = new Random(5);
    for (FakePersonalData.Generator generator : FakePersonalData.positives()) {
      for (int i = 0; i < SAMPLES; i++) {
        FakePersonalData.Sample sample = generator.sample(random);
        Detector detector = detectorReporting(sample.detectorId(), sample.text());
        String lower = sample.text().toLowerCase(Locale.ROOT);

        assertThat(
                detector.keywords().isEmpty()
                    || detector.keywords().stream().anyMatch(lower::contains))
            .as("prefilter keywords of %s in: %s", sample.detectorId(), sample.text())
            .isTrue();
      }
    }
  }

  private static Detector detectorReporting(String detectorId, String text) {
    List<Detector> all = PersonalDataDetectors.all();
    for (Detector detector : all) {
      for (Finding finding : detector.scan(text)) {
        if (finding.detectorId().equals(detectorId)) {
          return detector;
        }
      }
    }
    throw new AssertionError("no detector reports " + detectorId + " in " + text);
  }
}
