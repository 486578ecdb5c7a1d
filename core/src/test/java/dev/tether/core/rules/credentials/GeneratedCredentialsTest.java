package dev.tether.core.rules.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.core.policy.DetectorFamilies;
import dev.tether.core.rules.Detector;
import dev.tether.core.rules.Finding;
import dev.tether.core.rules.RuleEngine;
import dev.tether.core.rules.credentials.FakeCredentials.Rendered;
import dev.tether.core.rules.credentials.FakeCredentials.Sample;
import dev.tether.core.rules.support.AnchoredRegexDetector;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every generated credential type is found, with the exact span, type and family, in context. */
class GeneratedCredentialsTest {
  private static final List<Detector> DETECTORS = CredentialDetectors.all();
  private static final RuleEngine ENGINE = RuleEngine.of(DETECTORS);
  private static final int SEEDS = 20;

  /** Realistic surroundings for self-identifying values: note, template. */
  static final List<String[]> CONTEXTS =
      List.of(
          new String[] {"env file", "# staging\nexport API_TOKEN={secret}\nREGION=eu-west-1\n"},
          new String[] {"json config", "{\"token\": \"{secret}\", \"region\": \"eu-west-1\"}"},
          new String[] {"python call", "client = Client(token=\"{secret}\", timeout=30)\n"},
          new String[] {"javascript", "const token = '{secret}';\nfetch(url, {token});\n"},
          new String[] {
            "shell history",
            "$ curl -H \"Authorization: Bearer {secret}\" https://api.internal/me\n"
          },
          new String[] {"yaml", "auth:\n  token: {secret}\n  retries: 3\n"},
          new String[] {
            "log line", "2024-05-01T10:00:00Z DEBUG sent X-Token={secret} status=401\n"
          },
          new String[] {"prompt with fence", "Why does this fail?\n```\n{secret}\n```\nthanks"});

  static Stream<Sample> samples() {
    return FakeCredentials.samples().stream();
  }

  static Stream<Arguments> standaloneInContexts() {
    return FakeCredentials.samples().stream()
        .filter(Sample::standalone)
        .flatMap(s -> CONTEXTS.stream().map(c -> Arguments.of(s, c[0], c[1])));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void scan_generatedSample_isFoundWithExactSpanAndType(Sample sample) {
    for (int seed = 0; seed < SEEDS; seed++) {
      Rendered rendered = sample.render(new Random(seed));

      assertThat(ENGINE.scan(rendered.text()))
          .as("seed %d: %s", seed, rendered.text())
          .anySatisfy(
              f -> {
                assertThat(f.detectorId()).isEqualTo(sample.detectorId());
                assertThat(f.type()).isEqualTo(sample.type());
                assertThat(DetectorFamilies.isKnown(f.family())).isTrue();
                assertThat(rendered.text().substring(f.start(), f.end()))
                    .isEqualTo(rendered.secret());
              });
    }
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("standaloneInContexts")
  void scan_selfIdentifyingSample_isFoundInEveryContext(Sample sample, String note, String ctx) {
    Rendered rendered = sample.renderIn(ctx, new Random(note.hashCode()));

    assertThat(ENGINE.scan(rendered.text()))
        .as(rendered.text())
        .anySatisfy(
            f -> {
              assertThat(f.detectorId()).isEqualTo(sample.detectorId());
              assertThat(f.start()).isEqualTo(rendered.start());
              assertThat(f.end()).isEqualTo(rendered.end());
            });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void scan_generatedSample_noOtherSpecificDetectorFires(Sample sample) {
    for (int seed = 0; seed < SEEDS; seed++) {
      Rendered rendered = sample.render(new Random(seed));

      List<Finding> others =
          ENGINE.scan(rendered.text()).stream()
              .filter(f -> !f.detectorId().equals(sample.detectorId()))
              // On the very same span, a generic finding ("password = pypi-...") or one of the
              // same type (a PEM key inside base64 client-key-data, found by the decoder) is
              // redundant, not a conflicting answer.
              .filter(
                  f ->
                      !((f.family().equals(DetectorFamilies.GENERIC_SECRETS)
                              || f.type().equals(sample.type()))
                          && f.start() == rendered.start()
                          && f.end() == rendered.end()))
              .toList();

      assertThat(others).as("seed %d: %s", seed, rendered.text()).isEmpty();
    }
  }

  /**
   * The engine's prefilter skips a detector whose keywords are absent: that must never lose one.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void keywords_occurInEveryTextTheDetectorFiresOn(Sample sample) {
    Rendered rendered = sample.render(new Random(7));
    String lower = rendered.text().toLowerCase(Locale.ROOT);

    Detector detector =
        DETECTORS.stream()
            .filter(
                d ->
                    d.scan(rendered.text()).stream()
                        .anyMatch(f -> f.detectorId().equals(sample.detectorId())))
            .findFirst()
            .orElseThrow();

    assertThat(detector.keywords()).isNotEmpty();
    assertThat(detector.keywords()).allSatisfy(k -> assertThat(k).isEqualTo(k.toLowerCase()));
    assertThat(detector.keywords()).anySatisfy(k -> assertThat(lower).contains(k));
  }

  @Test
  void samples_coverEveryDetectorId() {
    Set<String> sampleIds =
        FakeCredentials.samples().stream().map(Sample::detectorId).collect(Collectors.toSet());
    Set<String> regexIds =
        DETECTORS.stream()
            .filter(d -> d instanceof AnchoredRegexDetector)
            .map(d -> ((AnchoredRegexDetector) d).id())
            .collect(Collectors.toSet());

    assertThat(sampleIds).containsAll(regexIds);
    assertThat(sampleIds).hasSizeGreaterThanOrEqualTo(80);
    assertThat(FakeCredentials.generatorsByDetectorId()).hasSameSizeAs(FakeCredentials.samples());
  }

  @Test
  void generators_areDeterministicPerSeed() {
    for (Sample sample : FakeCredentials.samples()) {
      assertThat(sample.generator().apply(new Random(42)))
          .as(sample.detectorId())
          .isEqualTo(sample.generator().apply(new Random(42)));
    }
  }
}
