package dev.tether.core.rules.credentials;

import dev.tether.core.policy.DetectorFamilies;
import dev.tether.core.rules.Detector;
import dev.tether.core.rules.Severity;
import dev.tether.core.rules.support.Placeholders;
import dev.tether.core.rules.support.RegexDetector;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Family {@value #FAMILY}: AWS, Google Cloud and Azure credentials. Each pattern is anchored on a
 * documented prefix or a keyword, then validated (charset, length, entropy, placeholder check).
 */
final class CloudCredentialDetectors {
  static final String FAMILY = DetectorFamilies.CLOUD_CREDENTIALS;

  private CloudCredentialDetectors() {}

  static List<Detector> all() {
    return List.of(
        // AWS access key ids: a documented 4-letter prefix then 16 base32 characters.
        new RegexDetector(
            "aws-access-key-id",
            "aws-access-key",
            FAMILY,
            Severity.CRITICAL,
            0.95,
            Set.of(
                "akia", "asia", "abia", "acca", "agpa", "aida", "aroa", "aipa", "anpa", "anva",
                "apka"),
            Pattern.compile(
                "(?<![A-Z0-9])((?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)"
                    + "[A-Z2-7]{16})(?![A-Z0-9])"),
            candidate -> !Placeholders.isPlaceholder(candidate)),
        // AWS secret access keys: 40 base64 characters after a secret-key keyword.
        new RegexDetector(
            "aws-secret-access-key",
            "aws-secret-key",
            FAMILY,
            Severity.CRITICAL,
            0.9,
            Set.of("secret"),
            Pattern.compile(
                "(?i:aws_?secret_?access_?key|secret_?access_?key|aws_?secret(?:_?key)?)"
                    + "[\"']?\\s{0,5}[:=]{1,2}>?\\s{0,5}[\"']?"
                    + "([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])"),
            candidate ->
                !Placeholders.isPlaceholder(candidate) && Placeholders.entropy(candidate) > 3.5),
        // Google API keys.
        new RegexDetector(
            "gcp-api-key",
            "gcp-api-key",
            FAMILY,
            Severity.HIGH,
            0.95,
            Set.of("aiza"),
            Pattern.compile("(?<![A-Za-z0-9_-])(AIza[0-9A-Za-z_-]{35})(?![A-Za-z0-9_-])"),
            candidate -> !Placeholders.isPlaceholder(candidate)),
        // Google service-account key files: the private_key_id field (40 hex characters).
        new RegexDetector(
            "gcp-service-account-key",
            "gcp-service-account-key",
            FAMILY,
            Severity.CRITICAL,
            0.95,
            Set.of("private_key_id"),
            Pattern.compile("\"private_key_id\"\\s{0,5}:\\s{0,5}\"([0-9a-f]{40})\""),
            candidate -> !Placeholders.isPlaceholder(candidate)),
        // Azure storage account keys in connection strings: 64 bytes, Base64.
        new RegexDetector(
            "azure-storage-account-key",
            "azure-storage-key",
            FAMILY,
            Severity.CRITICAL,
            0.95,
            Set.of("accountkey"),
            Pattern.compile("(?i:AccountKey)=([A-Za-z0-9+/]{86}==)"),
            candidate -> !Placeholders.isPlaceholder(candidate)));
  }
}
