package dev.tether.core.rules.eval;

import java.util.Objects;
import java.util.Random;
import java.util.function.Function;

/**
 * Fake, format-valid values of one finding type, as a generator helper publishes them.
 *
 * @param type the finding type the engine must report, e.g. {@code github-token}
 * @param detectorId the detector expected to report it (one type may have several)
 * @param source the helper it came from: {@link Generators#CREDENTIALS} or {@link
 *     Generators#PERSONAL}
 * @param standalone true if a bare value is recognisable in any context (prefix, structure or
 *     checksum); false if it needs the key or context words its helper's templates provide
 * @param value draws a bare value from the given (seeded) random source
 * @param own draws a value already placed in one of the helper's own context templates
 */
public record TypeGenerator(
    String type,
    String detectorId,
    String source,
    boolean standalone,
    Function<Random, String> value,
    Function<Random, Snippet> own) {

  /** A labelled text: {@code text.substring(start, end)} is what must be found. */
  public record Snippet(String text, int start, int end) {
    public Snippet {
      if (start < 0 || end <= start || end > text.length()) {
        throw new IllegalArgumentException(
            "snippet: bad span [" + start + ", " + end + ") in " + text.length() + " chars");
      }
    }
  }

  public TypeGenerator {
    Objects.requireNonNull(type, "generator.type: required");
    Objects.requireNonNull(detectorId, "generator.detectorId: required");
    Objects.requireNonNull(source, "generator.source: required");
    Objects.requireNonNull(value, "generator.value: required");
    Objects.requireNonNull(own, "generator.own: required");
  }

  /** A fresh bare value; never {@code null} or blank. */
  public String next(Random random) {
    String v = value.apply(random);
    if (v == null || v.isBlank()) {
      throw new IllegalStateException("generator " + detectorId + ": produced no value");
    }
    return v;
  }

  /** A fresh value in one of the helper's own templates. */
  public Snippet nextInContext(Random random) {
    return own.apply(random);
  }

  /** True for credentials (as opposed to personal data). */
  public boolean isCredential() {
    return source.equals(Generators.CREDENTIALS);
  }
}
