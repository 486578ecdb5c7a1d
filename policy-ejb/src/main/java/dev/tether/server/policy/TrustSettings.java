package dev.tether.server.policy;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Key-management configuration (MicroProfile Config: system properties or environment).
 *
 * @param rootKeys {@value #ROOT_KEYS}: root keys per new tenant or root rotation (n), default 3
 * @param rootThreshold {@value #ROOT_THRESHOLD}: signatures a root version needs (k), default 2
 * @param signingValidity {@value #SIGNING_VALIDITY}: ISO-8601 validity of a new signing key,
 *     default P90D
 */
public record TrustSettings(int rootKeys, int rootThreshold, Duration signingValidity) {
  public static final String ROOT_KEYS = "tether.root.keys";
  public static final String ROOT_THRESHOLD = "tether.root.threshold";
  public static final String SIGNING_VALIDITY = "tether.signing.validity";

  static final int DEFAULT_ROOT_KEYS = 3;
  static final int DEFAULT_ROOT_THRESHOLD = 2;
  static final Duration DEFAULT_SIGNING_VALIDITY = Duration.ofDays(90);
  static final Duration MIN_SIGNING_VALIDITY = Duration.ofDays(1);
  static final Duration MAX_SIGNING_VALIDITY = Duration.ofDays(730);

  public TrustSettings {
    if (rootKeys < 1 || rootKeys > dev.tether.core.bundle.RootMetadata.MAX_ROOT_KEYS) {
      throw new IllegalArgumentException(
          ROOT_KEYS
              + ": expected 1 to "
              + dev.tether.core.bundle.RootMetadata.MAX_ROOT_KEYS
              + ", got "
              + rootKeys);
    }
    if (rootThreshold < 1 || rootThreshold > rootKeys) {
      throw new IllegalArgumentException(
          ROOT_THRESHOLD + ": expected 1 to " + rootKeys + ", got " + rootThreshold);
    }
    if (signingValidity.compareTo(MIN_SIGNING_VALIDITY) < 0
        || signingValidity.compareTo(MAX_SIGNING_VALIDITY) > 0) {
      throw new IllegalArgumentException(
          SIGNING_VALIDITY + ": expected P1D to P730D, got " + signingValidity);
    }
  }

  /** Reads the settings, defaults for absent keys. */
  public static TrustSettings load() {
    Config config = ConfigProvider.getConfig();
    String validity = config.getOptionalValue(SIGNING_VALIDITY, String.class).orElse(null);
    Duration parsed;
    try {
      parsed = validity == null ? DEFAULT_SIGNING_VALIDITY : Duration.parse(validity.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          SIGNING_VALIDITY + ": expected ISO-8601 duration, got \"" + validity + "\"", e);
    }
    return new TrustSettings(
        config.getOptionalValue(ROOT_KEYS, Integer.class).orElse(DEFAULT_ROOT_KEYS),
        config.getOptionalValue(ROOT_THRESHOLD, Integer.class).orElse(DEFAULT_ROOT_THRESHOLD),
        parsed);
  }
}
