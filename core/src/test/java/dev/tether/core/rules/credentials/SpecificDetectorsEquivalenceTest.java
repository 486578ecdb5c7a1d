package dev.tether.core.rules.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tether.core.rules.Detector;
import dev.tether.core.rules.eval.CorpusBuilder;
import dev.tether.core.rules.eval.Sample;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The password detectors' "left to a specific detector" test answers the same with the keyword
 * automaton ({@link GenericSecretDetectors.SpecificDetectors}) as with the per-keyword {@code
 * contains} loop ({@link GenericSecretDetectors#recognised}), on every token of the corpus (which
 * holds every credential format in many contexts), on those tokens' case variants, and on values
 * with non-ASCII characters.
 */
class SpecificDetectorsEquivalenceTest {
  private static final Pattern TOKEN = Pattern.compile("[^\\s\"'`,;<>]{6,256}");

  @Test
  void recognise_sameAnswerAsTheContainsLoop() {
    List<Detector> all = CredentialDetectors.all();
    // The specific detectors are every credential detector before the generic ones.
    List<Detector> specific = all.subList(0, all.size() - 6);
    GenericSecretDetectors.SpecificDetectors index =
        new GenericSecretDetectors.SpecificDetectors(specific);
    Set<String> values = new LinkedHashSet<>();
    for (Sample sample : CorpusBuilder.standard().build()) {
      Matcher m = TOKEN.matcher(sample.text());
      while (m.find()) {
        String token = m.group();
        values.add(token);
        values.add(token.substring(token.indexOf('=') + 1));
        values.add(token.substring(token.indexOf(':') + 1));
      }
    }
    Random random = new Random(7);
    List<String> variants = new ArrayList<>();
    for (String value : values) {
      variants.add(value.toUpperCase(java.util.Locale.ROOT));
      variants.add(value + "\u00e9");
      variants.add("\u0130" + value);
      if (random.nextInt(4) == 0) {
        variants.add(value.substring(0, value.length() / 2));
      }
    }
    values.addAll(variants);
    int recognised = 0;
    for (String value : values) {
      boolean expected = GenericSecretDetectors.recognised(specific, value);
      assertThat(index.recognise(value)).as(value).isEqualTo(expected);
      recognised += expected ? 1 : 0;
    }
    assertThat(values.size()).isGreaterThan(5_000);
    assertThat(recognised).as("values some specific detector reports whole").isGreaterThan(300);
  }
}
