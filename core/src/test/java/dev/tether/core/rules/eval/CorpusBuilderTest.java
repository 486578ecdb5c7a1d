package dev.tether.core.rules.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CorpusBuilderTest {
  private static final List<TypeGenerator> FIXED =
      List.of(
          generator(
              "demo-token",
              Generators.CREDENTIALS,
              true,
              r -> "dtk_" + Long.toString(r.nextLong() & Long.MAX_VALUE, 36)),
          generator(
              "demo-key",
              Generators.CREDENTIALS,
              false,
              r -> "-----BEGIN DEMO-----\n" + r.nextInt() + "\n-----END DEMO-----"),
          generator(
              "demo-id", Generators.PERSONAL, true, r -> "ID" + (100000 + r.nextInt(900000))));

  private static TypeGenerator generator(
      String type, String source, boolean standalone, Function<Random, String> value) {
    return new TypeGenerator(
        type,
        type,
        source,
        standalone,
        value,
        r -> {
          String v = value.apply(r);
          return new TypeGenerator.Snippet("key: " + v + "\n", 5, 5 + v.length());
        });
  }

  @Test
  void build_sameSeed_sameCorpus() {
    assertThat(CorpusBuilder.of(7, 3, 2, FIXED).build())
        .isEqualTo(CorpusBuilder.of(7, 3, 2, FIXED).build());
  }

  @Test
  void build_labelsCoverTheGeneratedValue() {
    for (Sample sample : CorpusBuilder.of(7, 3, 2, FIXED).build()) {
      for (Label label : sample.labels()) {
        String covered = sample.text().substring(label.start(), label.end());
        assertThat(covered).as(sample.id()).matches("(?s)(dtk_|-----BEGIN DEMO|ID).*");
      }
    }
  }

  @Test
  void build_idsAreUnique_andEveryTypeHasValuesTimesContexts() {
    List<Sample> corpus = CorpusBuilder.of(7, 3, 2, FIXED).build();
    Set<String> ids = new HashSet<>();
    corpus.forEach(s -> assertThat(ids.add(s.id())).as(s.id()).isTrue());
    for (TypeGenerator g : FIXED) {
      long labelled =
          corpus.stream().filter(s -> s.id().startsWith("pos-" + g.type() + "-")).count();
      assertThat(labelled).as(g.type()).isEqualTo(6);
    }
  }

  @Test
  void breakChecksum_cardNumber_failsLuhn() {
    String broken =
        HardNegatives.breakChecksum("credit-card", "4111 1111 1111 1111", new Random(1));

    assertThat(broken).isNotEqualTo("4111 1111 1111 1111").startsWith("4111 1111 1111 111");
  }

  @Test
  void jsonEscape_multiLineValue_isOneLine() {
    assertThat(Contexts.jsonEscape("a\"b\nc\\")).isEqualTo("a\\\"b\\nc\\\\");
  }
}
