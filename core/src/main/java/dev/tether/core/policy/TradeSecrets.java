package dev.tether.core.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The policy's trade-secret section: what the company's own sensitive material looks like. Every
 * list is optional (absent means empty) and bounded; {@link #validated} names the key and index of
 * anything it rejects.
 *
 * @param markers phrases such as {@code CONFIDENTIAL} or {@code Do not distribute}, matched
 *     case-insensitively as whole words (inner whitespace runs match any whitespace run)
 * @param internalDomains DNS names such as {@code corp.acme.com}; the name and every sub-domain
 *     match in host names, URLs and e-mail addresses
 * @param packagePrefixes internal package or module prefixes such as {@code com.acme.} or {@code
 *     @acme/}; a match spans the whole qualified name that follows
 * @param codeNames project code names, matched case-insensitively as whole words
 * @param dictionaries named word lists, each reported as type {@code dictionary-<name>}
 * @param protectedCode fingerprint sets of registered protected source code
 * @param customRules administrator-written RE2 patterns
 */
public record TradeSecrets(
    List<String> markers,
    List<String> internalDomains,
    List<String> packagePrefixes,
    List<String> codeNames,
    List<Dictionary> dictionaries,
    List<ProtectedCode> protectedCode,
    List<CustomRule> customRules) {

  /** The section of a policy that defines nothing. */
  public static final TradeSecrets NONE =
      new TradeSecrets(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

  public static final int MAX_MARKERS = 1000;
  public static final int MAX_MARKER_CHARS = 200;
  public static final int MAX_DOMAINS = 1000;
  public static final int MAX_PACKAGE_PREFIXES = 1000;
  public static final int MAX_PACKAGE_PREFIX_CHARS = 200;
  public static final int MAX_CODE_NAMES = 1000;
  public static final int MAX_CODE_NAME_CHARS = 100;
  public static final int MIN_PHRASE_CHARS = 2;
  public static final int MAX_DICTIONARIES = 50;
  public static final int MAX_DICTIONARY_WORDS_TOTAL = 100_000;
  public static final int MAX_PROTECTED_CODE_SETS = 50;
  public static final int MAX_FINGERPRINTS_TOTAL = 100_000;
  public static final int MAX_CUSTOM_RULES = 200;

  public TradeSecrets {
    markers = PolicyChecks.copy(markers);
    internalDomains = PolicyChecks.copy(internalDomains);
    packagePrefixes = PolicyChecks.copy(packagePrefixes);
    codeNames = PolicyChecks.copy(codeNames);
    dictionaries = PolicyChecks.copy(dictionaries);
    protectedCode = PolicyChecks.copy(protectedCode);
    customRules = PolicyChecks.copy(customRules);
  }

  /** True if this section defines no detector at all (how it is left out of the JSON). */
  public boolean definesNothing() {
    return equals(NONE);
  }

  /**
   * This section checked, normalised (trimmed, domains lowercased, fingerprints sorted, defaults
   * filled) and free of duplicates.
   *
   * @throws PolicyValidationException naming the key and index, e.g. {@code
   *     policy.tradeSecrets.customRules[2].pattern: does not compile: ...}
   */
  public TradeSecrets validated(String key) {
    List<String> checkedMarkers =
        PolicyChecks.phrases(
            key + ".markers", markers, MAX_MARKERS, MIN_PHRASE_CHARS, MAX_MARKER_CHARS);
    List<String> checkedCodeNames =
        PolicyChecks.phrases(
            key + ".codeNames", codeNames, MAX_CODE_NAMES, MIN_PHRASE_CHARS, MAX_CODE_NAME_CHARS);
    List<String> prefixes =
        PolicyChecks.phrases(
            key + ".packagePrefixes",
            packagePrefixes,
            MAX_PACKAGE_PREFIXES,
            MIN_PHRASE_CHARS,
            MAX_PACKAGE_PREFIX_CHARS);
    for (int i = 0; i < prefixes.size(); i++) {
      if (prefixes.get(i).indexOf(' ') >= 0) {
        throw new PolicyValidationException(
            key
                + ".packagePrefixes["
                + i
                + "]: expected no spaces, got \""
                + prefixes.get(i)
                + "\"");
      }
    }
    return new TradeSecrets(
        checkedMarkers,
        domains(key + ".internalDomains"),
        prefixes,
        checkedCodeNames,
        checkedDictionaries(key + ".dictionaries"),
        checkedProtectedCode(key + ".protectedCode"),
        checkedRules(key + ".customRules"));
  }

  /** Advice that does not block saving (broad custom rules, rules without keywords). */
  public List<String> warnings(String key) {
    List<String> warnings = new ArrayList<>();
    for (int i = 0; i < customRules.size(); i++) {
      warnings.addAll(customRules.get(i).warnings(key + ".customRules[" + i + "]"));
    }
    return warnings;
  }

  private List<String> domains(String key) {
    PolicyChecks.requireAtMost(key, internalDomains.size(), MAX_DOMAINS);
    Set<String> unique = new java.util.LinkedHashSet<>();
    for (int i = 0; i < internalDomains.size(); i++) {
      String raw = internalDomains.get(i);
      String indexed = key + "[" + i + "]";
      if (raw != null && raw.strip().startsWith("*.")) {
        throw new PolicyValidationException(
            indexed + ": write the domain without \"*.\" (sub-domains always match), got " + raw);
      }
      String value = raw == null ? null : raw.strip().toLowerCase(Locale.ROOT);
      if (value != null && value.endsWith(".")) {
        value = value.substring(0, value.length() - 1);
      }
      String host = HostPattern.normalize(indexed, value);
      if (host.indexOf('.') < 0) {
        throw new PolicyValidationException(
            indexed + ": expected a domain with at least one dot, got \"" + raw + "\"");
      }
      unique.add(host);
    }
    return List.copyOf(unique);
  }

  private List<Dictionary> checkedDictionaries(String key) {
    PolicyChecks.requireAtMost(key, dictionaries.size(), MAX_DICTIONARIES);
    List<Dictionary> checked = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int words = 0;
    for (int i = 0; i < dictionaries.size(); i++) {
      String indexed = key + "[" + i + "]";
      Dictionary dictionary = required(indexed, dictionaries.get(i)).validated(indexed);
      requireUnique(indexed + ".name", names, dictionary.name());
      words += dictionary.words().size();
      checked.add(dictionary);
    }
    PolicyChecks.requireAtMost(key + " (words in all)", words, MAX_DICTIONARY_WORDS_TOTAL);
    return checked;
  }

  private List<ProtectedCode> checkedProtectedCode(String key) {
    PolicyChecks.requireAtMost(key, protectedCode.size(), MAX_PROTECTED_CODE_SETS);
    List<ProtectedCode> checked = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int total = 0;
    for (int i = 0; i < protectedCode.size(); i++) {
      String indexed = key + "[" + i + "]";
      ProtectedCode set = required(indexed, protectedCode.get(i)).validated(indexed);
      requireUnique(indexed + ".name", names, set.name());
      total += set.fingerprints().size();
      checked.add(set);
    }
    PolicyChecks.requireAtMost(key + " (fingerprints in all)", total, MAX_FINGERPRINTS_TOTAL);
    return checked;
  }

  private List<CustomRule> checkedRules(String key) {
    PolicyChecks.requireAtMost(key, customRules.size(), MAX_CUSTOM_RULES);
    List<CustomRule> checked = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < customRules.size(); i++) {
      String indexed = key + "[" + i + "]";
      CustomRule rule = required(indexed, customRules.get(i)).validated(indexed);
      requireUnique(indexed + ".id", ids, rule.id());
      checked.add(rule);
    }
    return checked;
  }

  private static <T> T required(String key, T value) {
    if (value == null) {
      throw new PolicyValidationException(key + ": expected an object, got null");
    }
    return value;
  }

  private static void requireUnique(String key, Set<String> seen, String value) {
    if (!seen.add(value)) {
      throw new PolicyValidationException(key + ": duplicate \"" + value + "\"");
    }
  }
}
