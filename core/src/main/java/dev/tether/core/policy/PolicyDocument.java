package dev.tether.core.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A policy as authored: the content that gets signed into a bundle.
 *
 * @param name human name shown in the console and in block messages
 * @param aiDestinations hosts whose traffic is decrypted and inspected
 * @param blockedHosts AI hosts refused outright (e.g. unapproved providers), by host pattern
 * @param detectorModes response per detector family ({@link DetectorFamilies}); a family that fires
 *     but is not listed answers its default, BLOCK for credentials and regulated data
 * @param defaultMode response when nothing fired
 * @param bundleLifetime how long a signed bundle of this policy stays valid (ISO-8601, e.g. {@code
 *     P7D}); agents refuse it afterwards
 * @param tradeSecrets markers, dictionaries, protected code and custom rules (optional: absent
 *     means {@link TradeSecrets#NONE}, and an empty section is left out of the JSON so documents
 *     without one keep their canonical bytes)
 * @param proxy proxy scope and body handling ({@link ProxySettings}; omitted when default)
 * @param responses response-mode behaviour ({@link ResponseSettings}; omitted when default)
 * @param judge intent judge and escalation ({@link JudgeSettings}; omitted when default)
 * @param enforcement grace period and fallback posture ({@link EnforcementSettings}; omitted when
 *     default)
 */
public record PolicyDocument(
    String name,
    List<AiDestination> aiDestinations,
    List<String> blockedHosts,
    Map<String, ResponseMode> detectorModes,
    ResponseMode defaultMode,
    String bundleLifetime,
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = OmitWhenEmpty.class)
        TradeSecrets tradeSecrets,
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = OmitWhenEmpty.class)
        ProxySettings proxy,
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = OmitWhenEmpty.class)
        ResponseSettings responses,
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = OmitWhenEmpty.class)
        JudgeSettings judge,
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = OmitWhenEmpty.class)
        EnforcementSettings enforcement) {

  /** Default bundle lifetime when the author leaves it out. */
  public static final Duration DEFAULT_BUNDLE_LIFETIME = Duration.ofDays(7);

  /** Shortest and longest lifetime an author may choose. */
  public static final Duration MIN_BUNDLE_LIFETIME = Duration.ofMinutes(5);

  public static final Duration MAX_BUNDLE_LIFETIME = Duration.ofDays(90);

  private static final int MAX_ENTRIES = 10_000;

  /**
   * Largest canonical JSON encoding of a policy: Base64 of it (plus the bundle header) must stay
   * within {@code JsonCodec.MAX_STRING_LENGTH} and {@code SignedBundle.MAX_ENVELOPE_BYTES}.
   */
  public static final int MAX_ENCODED_BYTES = 3_000_000;

  public PolicyDocument {
    aiDestinations = aiDestinations == null ? List.of() : List.copyOf(aiDestinations);
    blockedHosts = blockedHosts == null ? List.of() : List.copyOf(blockedHosts);
    detectorModes = detectorModes == null ? Map.of() : Map.copyOf(detectorModes);
    tradeSecrets = tradeSecrets == null ? TradeSecrets.NONE : tradeSecrets;
    proxy = proxy == null ? ProxySettings.DEFAULT : proxy;
    responses = responses == null ? ResponseSettings.DEFAULT : responses;
    judge = judge == null ? JudgeSettings.DEFAULT : judge;
    enforcement = enforcement == null ? EnforcementSettings.DEFAULT : enforcement;
  }

  /** A policy with the sections added after the trade-secret section left at their defaults. */
  public PolicyDocument(
      String name,
      List<AiDestination> aiDestinations,
      List<String> blockedHosts,
      Map<String, ResponseMode> detectorModes,
      ResponseMode defaultMode,
      String bundleLifetime,
      TradeSecrets tradeSecrets) {
    this(
        name,
        aiDestinations,
        blockedHosts,
        detectorModes,
        defaultMode,
        bundleLifetime,
        tradeSecrets,
        null,
        null,
        null,
        null);
  }

  /** This document with {@code proxy} replaced. */
  public PolicyDocument withProxy(ProxySettings proxy) {
    return new PolicyDocument(
        name,
        aiDestinations,
        blockedHosts,
        detectorModes,
        defaultMode,
        bundleLifetime,
        tradeSecrets,
        proxy,
        responses,
        judge,
        enforcement);
  }

  /** This document with {@code responses} replaced. */
  public PolicyDocument withResponses(ResponseSettings responses) {
    return new PolicyDocument(
        name,
        aiDestinations,
        blockedHosts,
        detectorModes,
        defaultMode,
        bundleLifetime,
        tradeSecrets,
        proxy,
        responses,
        judge,
        enforcement);
  }

  /** This document with {@code judge} replaced. */
  public PolicyDocument withJudge(JudgeSettings judge) {
    return new PolicyDocument(
        name,
        aiDestinations,
        blockedHosts,
        detectorModes,
        defaultMode,
        bundleLifetime,
        tradeSecrets,
        proxy,
        responses,
        judge,
        enforcement);
  }

  /** This document with {@code enforcement} replaced. */
  public PolicyDocument withEnforcement(EnforcementSettings enforcement) {
    return new PolicyDocument(
        name,
        aiDestinations,
        blockedHosts,
        detectorModes,
        defaultMode,
        bundleLifetime,
        tradeSecrets,
        proxy,
        responses,
        judge,
        enforcement);
  }

  /** A policy without a trade-secret section (the shape before that section existed). */
  public PolicyDocument(
      String name,
      List<AiDestination> aiDestinations,
      List<String> blockedHosts,
      Map<String, ResponseMode> detectorModes,
      ResponseMode defaultMode,
      String bundleLifetime) {
    this(
        name,
        aiDestinations,
        blockedHosts,
        detectorModes,
        defaultMode,
        bundleLifetime,
        TradeSecrets.NONE);
  }

  /**
   * Returns this document with defaults filled in and every field checked.
   *
   * @throws PolicyValidationException naming the key, e.g. {@code policy.bundleLifetime: expected
   *     ISO-8601 duration, got "3 days"}
   */
  public PolicyDocument validated() {
    if (name == null || name.isBlank() || name.length() > 200) {
      throw new PolicyValidationException(
          "policy.name: expected 1 to 200 characters, got \"" + name + "\"");
    }
    if (aiDestinations.size() > MAX_ENTRIES || blockedHosts.size() > MAX_ENTRIES) {
      throw new PolicyValidationException(
          "policy: at most " + MAX_ENTRIES + " aiDestinations and blockedHosts each");
    }
    List<String> blocked =
        blockedHosts.stream().map(h -> HostPattern.normalize("policy.blockedHosts", h)).toList();
    Map<String, ResponseMode> modes = new LinkedHashMap<>();
    for (Map.Entry<String, ResponseMode> entry : detectorModes.entrySet()) {
      String family = entry.getKey() == null ? "" : entry.getKey().toLowerCase(Locale.ROOT);
      if (!family.matches("[a-z0-9][a-z0-9-]{0,63}")) {
        throw new PolicyValidationException(
            "policy.detectorModes: expected a detector family id, got \"" + entry.getKey() + "\"");
      }
      if (entry.getValue() == null) {
        throw new PolicyValidationException("policy.detectorModes." + family + ": mode required");
      }
      modes.put(family, entry.getValue());
    }
    Duration lifetime = parseLifetime();
    PolicyDocument valid =
        new PolicyDocument(
            name.trim(),
            aiDestinations,
            blocked,
            modes,
            defaultMode == null ? ResponseMode.ALLOW : defaultMode,
            lifetime.toString(),
            tradeSecrets.validated("policy.tradeSecrets"),
            proxy.validated("policy.proxy"),
            responses.validated("policy.responses"),
            judge.validated("policy.judge"),
            enforcement.validated("policy.enforcement"));
    int encoded = dev.tether.core.json.JsonCodec.write(valid).length;
    if (encoded > MAX_ENCODED_BYTES) {
      throw new PolicyValidationException(
          "policy: encoded size "
              + encoded
              + " bytes exceeds the limit of "
              + MAX_ENCODED_BYTES
              + " (it must fit a signed bundle; reduce protected-code fingerprints or dictionaries)");
    }
    return valid;
  }

  /**
   * Advice for the console that does not make the document invalid (e.g. a custom rule that fires
   * on several ordinary texts). Call it on a {@link #validated()} document.
   */
  public List<String> warnings() {
    return tradeSecrets.warnings("policy.tradeSecrets");
  }

  /** The bundle lifetime as a duration (defaulted when absent). */
  public Duration lifetime() {
    return parseLifetime();
  }

  private Duration parseLifetime() {
    if (bundleLifetime == null || bundleLifetime.isBlank()) {
      return DEFAULT_BUNDLE_LIFETIME;
    }
    Duration parsed;
    try {
      parsed = Duration.parse(bundleLifetime.trim());
    } catch (RuntimeException e) {
      throw new PolicyValidationException(
          "policy.bundleLifetime: expected ISO-8601 duration, got \"" + bundleLifetime + "\"");
    }
    if (parsed.compareTo(MIN_BUNDLE_LIFETIME) < 0 || parsed.compareTo(MAX_BUNDLE_LIFETIME) > 0) {
      throw new PolicyValidationException(
          "policy.bundleLifetime: expected between "
              + MIN_BUNDLE_LIFETIME
              + " and "
              + MAX_BUNDLE_LIFETIME
              + ", got "
              + bundleLifetime);
    }
    return parsed;
  }

  /** The AI destination {@code host} belongs to, if any. */
  public Optional<AiDestination> aiDestinationFor(String host) {
    return aiDestinations.stream().filter(d -> d.matches(host)).findFirst();
  }

  /** True if {@code host} is on the blocked list. */
  public boolean isBlocked(String host) {
    String lower = host.toLowerCase(Locale.ROOT);
    return blockedHosts.stream().anyMatch(p -> HostPattern.matches(p, lower));
  }

  /**
   * The mode for a detector family that fired: the policy's choice, else the family's default
   * ({@link DetectorFamilies#defaultMode}), which is BLOCK for credentials, regulated data and any
   * family nobody decided about.
   */
  public ResponseMode modeForFamily(String family) {
    ResponseMode chosen = detectorModes.get(family);
    return chosen != null ? chosen : DetectorFamilies.defaultMode(family);
  }

  /** Jackson filter: {@code equals} answers true for values to leave out of the JSON. */
  static final class OmitWhenEmpty {
    @Override
    public boolean equals(Object value) {
      return value == null
          || (value instanceof TradeSecrets t && t.definesNothing())
          || (value instanceof PolicySection s && s.definesNothing());
    }

    @Override
    public int hashCode() {
      return 0;
    }
  }
}
