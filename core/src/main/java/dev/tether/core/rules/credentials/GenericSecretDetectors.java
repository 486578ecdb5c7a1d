package dev.tether.core.rules.credentials;

import dev.tether.core.policy.DetectorFamilies;
import dev.tether.core.rules.Detector;
import dev.tether.core.rules.Finding;
import dev.tether.core.rules.Severity;
import dev.tether.core.rules.internal.KeywordAutomaton;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Family {@value #FAMILY}: secrets recognised by where they sit rather than what they look like:
 * passwords in connection URLs, password assignments in code and configuration, XML {@code
 * <password>} elements, HTTP Basic credentials. Values that point elsewhere ({@code ${VAR}}, {@code
 * os.getenv(...)}, {@code process.env.X}) or are words ({@code changeme}, {@code password}) are
 * suppressed. JWTs and Kubernetes Secret manifests have their own detectors.
 */
final class GenericSecretDetectors {
  static final String FAMILY = DetectorFamilies.GENERIC_SECRETS;

  /** Key suffixes that name something about a password, not the password itself. */
  private static final String NOT_A_PASSWORD_KEY =
      "(?![A-Za-z0-9_.-]{0,16}+(?i:hash|length|len\\b|policy|url|file|path|field|prompt|label"
          + "|reset|expir|min|max|regex|rule|hint|type|mode|change|digest|salt|_?id\\b))";

  private GenericSecretDetectors() {}

  /**
   * The generic detectors. A password candidate that one of {@code specific} recognises on its own
   * (e.g. {@code BITBUCKET_APP_PASSWORD=ATBB...}) is left to that detector, so one secret gets one
   * finding with its precise type.
   */
  static List<Detector> all(List<Detector> specific) {
    SpecificDetectors index = new SpecificDetectors(specific);
    Predicate<String> password =
        v -> Values.plausiblePassword(v) && !index.recognise(v) && !isEncodedText(v);
    return List.of(
        // scheme://user:password@host; the password is the span.
        Defs.anchored(
            "url-password",
            "password",
            FAMILY,
            Severity.CRITICAL,
            0.85,
            Set.of("://"),
            0,
            // starts at "://" (one attempt per URL); the lookbehind asks for a scheme before it
            ("(?<=[A-Za-z][A-Za-z0-9+.-]{0,20})://[^\\s:@/\"'`<>]{1,64}+"
                + ":([^\\s@/\"'`<>]{1,128}+)@[A-Za-z0-9\\[]"),
            password),
        Defs.anchored(
            "password-assignment",
            "password",
            FAMILY,
            Severity.CRITICAL,
            0.8,
            Set.of("passw", "pwd", "passphrase"),
            0,
            ("(?<![A-Za-z])(?i:passwd|password|passphrase|pwd)"
                + NOT_A_PASSWORD_KEY
                + "[A-Za-z0-9_.-]{0,24}+[\"']?[ \\t]{0,4}(?:=>|:=|=|:)[ \\t]{0,4}[\"'`]?"
                + "([^\\s\"'`,;]{6,256}+)"),
            password),
        Defs.anchored(
            "xml-password",
            "password",
            FAMILY,
            Severity.CRITICAL,
            0.85,
            Set.of("<password>"),
            0,
            ("(?i:<password>)([^<\\s]{6,128}+)(?i:</password>)"),
            password),
        // Authorization: Basic base64(user:password)
        Defs.anchored(
            "http-basic-auth",
            "basic-auth",
            FAMILY,
            Severity.CRITICAL,
            0.9,
            Set.of("authorization"),
            0,
            ("(?i:authorization)[\"']?[ \\t]{0,4}[:=][ \\t]{0,4}[\"']?(?i:basic)[ \\t]{1,4}"
                + "([A-Za-z0-9+/]{8,512}+={0,2})"),
            DockerConfigAuthDetector::isUserPassword),
        JwtDetector.create(),
        new KubernetesSecretDetector());
  }

  /** True if a detector in {@code specific} reports exactly {@code value} on its own. */
  static boolean recognised(List<Detector> specific, String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    for (Detector d : specific) {
      if (d.keywords().stream().anyMatch(lower::contains) && reportsWhole(d, value)) {
        return true;
      }
    }
    return false;
  }

  private static boolean reportsWhole(Detector d, String value) {
    for (Finding f : d.scan(value)) {
      if (f.start() == 0 && f.end() == value.length()) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@link #recognised} with the keyword test done by one automaton pass over the value instead of
   * a {@code contains} per keyword and detector (about 170 detectors for every password candidate).
   * Exact for ASCII values and lowercase ASCII keywords, where ASCII folding is {@code
   * toLowerCase}; a non-ASCII value, and any detector with another kind of keyword, takes the
   * {@link #recognised} path.
   */
  static final class SpecificDetectors {
    private final List<Detector> specific;
    private final BitSet checkAlways = new BitSet(); // keyword "" or one the automaton cannot fold
    // Built on the first candidate, off the engine's start-up path (a scan of text without
    // password candidates never needs it); racing threads build equal automata, one is kept.
    private volatile KeywordAutomaton automaton;

    SpecificDetectors(List<Detector> specific) {
      this.specific = List.copyOf(specific);
      for (int i = 0; i < this.specific.size(); i++) {
        if (!foldable(this.specific.get(i).keywords())) {
          checkAlways.set(i);
        }
      }
    }

    private static boolean foldable(Set<String> keywords) {
      return keywords.stream()
          .allMatch(k -> !k.isEmpty() && k.chars().allMatch(c -> c < 128 && !isUpper(c)));
    }

    private KeywordAutomaton automaton() {
      KeywordAutomaton built = automaton;
      if (built == null) {
        List<Set<String>> groups = new ArrayList<>(specific.size());
        for (int i = 0; i < specific.size(); i++) {
          groups.add(checkAlways.get(i) ? Set.of() : specific.get(i).keywords());
        }
        automaton = built = KeywordAutomaton.build(groups);
      }
      return built;
    }

    boolean recognise(String value) {
      for (int i = 0; i < value.length(); i++) {
        if (value.charAt(i) >= 128) {
          return recognised(specific, value);
        }
      }
      BitSet candidates = automaton().groupsIn(value);
      for (int d = checkAlways.nextSetBit(0); d >= 0; d = checkAlways.nextSetBit(d + 1)) {
        if (recognised(List.of(specific.get(d)), value)) {
          return true;
        }
      }
      for (int d = candidates.nextSetBit(0); d >= 0; d = candidates.nextSetBit(d + 1)) {
        if (reportsWhole(specific.get(d), value)) {
          return true;
        }
      }
      return false;
    }

    private static boolean isUpper(int c) {
      return c >= 'A' && c <= 'Z';
    }
  }

  /**
   * Padded Base64 that decodes to text: an encoded value such as a Kubernetes Secret's {@code data}
   * entry, which the Kubernetes detector (or the engine's decoder) reports with its type.
   */
  private static boolean isEncodedText(String value) {
    return value.length() % 4 == 0
        && value.endsWith("=")
        && value
            .chars()
            .allMatch(c -> c == '=' || c == '+' || c == '/' || Character.isLetterOrDigit(c))
        && Values.base64Text(value).isPresent();
  }
}
