package dev.tether.core.policy;

import java.util.List;

/**
 * A named word list: any listed word or phrase found in a request (case-insensitive, whole words)
 * is a finding of type {@code dictionary-<name>}. Typical uses: customer names, unreleased product
 * names, internal system names.
 *
 * @param name lowercase id of {@code [a-z0-9-]}, at most {@value #MAX_NAME_CHARS} characters
 * @param words the words or phrases, at most {@value #MAX_WORDS}, each {@value #MIN_WORD_CHARS} to
 *     {@value #MAX_WORD_CHARS} characters
 */
public record Dictionary(String name, List<String> words) {
  public static final int MAX_NAME_CHARS = 40;
  public static final int MAX_WORDS = 10_000;
  public static final int MIN_WORD_CHARS = 2;
  public static final int MAX_WORD_CHARS = 100;

  public Dictionary {
    words = PolicyChecks.copy(words);
  }

  /** This dictionary checked and normalised; failures name {@code key} (e.g. with its index). */
  public Dictionary validated(String key) {
    String id = PolicyChecks.id(key + ".name", name, MAX_NAME_CHARS);
    List<String> checked =
        PolicyChecks.phrases(key + ".words", words, MAX_WORDS, MIN_WORD_CHARS, MAX_WORD_CHARS);
    if (checked.isEmpty()) {
      throw new PolicyValidationException(key + ".words: expected at least one word");
    }
    return new Dictionary(id, checked);
  }
}
