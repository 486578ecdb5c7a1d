package dev.tether.core.rules.eval;

import java.util.Objects;
import java.util.Random;
import java.util.function.Function;

/**
 * Fake, format-valid values of one finding type.
 *
 * @param type the finding type the engine reports for these values, e.g. {@code github-token}
 * @param source the generator helper it came from ({@code credentials} or {@code personal})
 * @param generator draws a value from the given (seeded) random source
 */
public record TypeGenerator(String type, String source, Function<Random, String> generator) {
  public TypeGenerator {
    Objects.requireNonNull(type, "generator.type: required");
    Objects.requireNonNull(source, "generator.source: required");
    Objects.requireNonNull(generator, "generator.generator: required");
  }

  /** A fresh value; never {@code null} or blank. */
  public String next(Random random) {
    String value = generator.apply(random);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("generator " + type + ": produced no value");
    }
    return value;
  }

  /** True for credentials (as opposed to personal data). */
  public boolean isCredential() {
    return source.equals(Generators.CREDENTIALS);
  }
}
