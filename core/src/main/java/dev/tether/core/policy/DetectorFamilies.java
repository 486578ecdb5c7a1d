package dev.tether.core.policy;

import java.util.Map;

/**
 * Every detector family Tether knows and the response it gets when a policy does not name it.
 * Credentials, keys and regulated data block by default; contact details and personal data warn
 * (they are everywhere in ordinary prompts, and are still audited). A family unknown to this table
 * blocks: a finding nobody decided about is treated as the worst case.
 */
public final class DetectorFamilies {
  public static final String CLOUD_CREDENTIALS = "cloud-credentials";
  public static final String PRIVATE_KEYS = "private-keys";
  public static final String SOURCE_CONTROL_CREDENTIALS = "source-control-credentials";
  public static final String AI_PROVIDER_CREDENTIALS = "ai-provider-credentials";
  public static final String PAYMENT_CREDENTIALS = "payment-credentials";
  public static final String MESSAGING_CREDENTIALS = "messaging-credentials";
  public static final String PACKAGE_REGISTRY_CREDENTIALS = "package-registry-credentials";
  public static final String OBSERVABILITY_CREDENTIALS = "observability-credentials";
  public static final String INFRASTRUCTURE_CREDENTIALS = "infrastructure-credentials";

  /** Passwords in URLs and assignments, JWTs, generic high-entropy secrets in context. */
  public static final String GENERIC_SECRETS = "generic-secrets";

  public static final String PAYMENT_CARDS = "payment-cards";

  /** SSN, passport numbers, NHS numbers and similar national identifiers. */
  public static final String GOVERNMENT_IDS = "government-ids";

  /** IBAN and bank account numbers. */
  public static final String FINANCIAL_ACCOUNTS = "financial-accounts";

  public static final String HEALTH_RECORDS = "health-records";

  /** Dates of birth in context, postal addresses. */
  public static final String PERSONAL_DATA = "personal-data";

  /** E-mail addresses and phone numbers. */
  public static final String CONTACT_DETAILS = "contact-details";

  /** Policy-defined markers and dictionaries (CONFIDENTIAL, internal hosts, code names). */
  public static final String TRADE_SECRET_MARKERS = "trade-secret-markers";

  /** Overlap with registered protected source code (fingerprints). */
  public static final String PROTECTED_SOURCE_CODE = "protected-source-code";

  /** Patterns an administrator wrote into the policy. */
  public static final String CUSTOM_RULES = "custom-rules";

  private static final Map<String, ResponseMode> DEFAULTS =
      Map.ofEntries(
          Map.entry(CLOUD_CREDENTIALS, ResponseMode.BLOCK),
          Map.entry(PRIVATE_KEYS, ResponseMode.BLOCK),
          Map.entry(SOURCE_CONTROL_CREDENTIALS, ResponseMode.BLOCK),
          Map.entry(AI_PROVIDER_CREDENTIALS, ResponseMode.BLOCK),
          Map.entry(PAYMENT_CREDENTIALS, ResponseMode.BLOCK),
          Map.entry(MESSAGING_CREDENTIALS, ResponseMode.BLOCK),
          Map.entry(PACKAGE_REGISTRY_CREDENTIALS, ResponseMode.BLOCK),
          Map.entry(OBSERVABILITY_CREDENTIALS, ResponseMode.BLOCK),
          Map.entry(INFRASTRUCTURE_CREDENTIALS, ResponseMode.BLOCK),
          Map.entry(GENERIC_SECRETS, ResponseMode.BLOCK),
          Map.entry(PAYMENT_CARDS, ResponseMode.BLOCK),
          Map.entry(GOVERNMENT_IDS, ResponseMode.BLOCK),
          Map.entry(FINANCIAL_ACCOUNTS, ResponseMode.BLOCK),
          Map.entry(HEALTH_RECORDS, ResponseMode.BLOCK),
          Map.entry(PERSONAL_DATA, ResponseMode.WARN),
          Map.entry(CONTACT_DETAILS, ResponseMode.WARN),
          Map.entry(TRADE_SECRET_MARKERS, ResponseMode.BLOCK),
          Map.entry(PROTECTED_SOURCE_CODE, ResponseMode.BLOCK),
          Map.entry(CUSTOM_RULES, ResponseMode.BLOCK));

  private DetectorFamilies() {}

  /** The response for {@code family} when a policy does not name it; BLOCK for unknown ones. */
  public static ResponseMode defaultMode(String family) {
    return DEFAULTS.getOrDefault(family, ResponseMode.BLOCK);
  }

  /** True if {@code family} is one Tether's detectors report. */
  public static boolean isKnown(String family) {
    return DEFAULTS.containsKey(family);
  }
}
