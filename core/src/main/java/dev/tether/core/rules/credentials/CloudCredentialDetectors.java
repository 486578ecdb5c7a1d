package dev.tether.core.rules.credentials;

import dev.tether.core.policy.DetectorFamilies;
import dev.tether.core.rules.Detector;
import dev.tether.core.rules.Severity;
import dev.tether.core.rules.support.Placeholders;
import java.util.List;
import java.util.Set;

/**
 * Family {@value #FAMILY}: AWS and Google Cloud credentials. Each pattern is anchored on a
 * documented prefix or a keyword, then validated (charset, length, entropy, placeholder check).
 */
final class CloudCredentialDetectors {
  static final String FAMILY = DetectorFamilies.CLOUD_CREDENTIALS;

  private CloudCredentialDetectors() {}

  static List<Detector> all() {
    return List.of(
        // AWS access key ids: a documented 4-letter prefix then 16 base32 characters.
        Defs.anchored(
            "aws-access-key-id",
            "aws-access-key",
            FAMILY,
            Severity.CRITICAL,
            0.95,
            Set.of(
                "akia", "asia", "abia", "acca", "agpa", "aida", "aroa", "aipa", "anpa", "anva",
                "apka"),
            0,
            ("(?<![A-Z0-9])((?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)"
                + "[A-Z2-7]{16})(?![A-Z0-9])"),
            candidate -> !Placeholders.isPlaceholder(candidate)),
        // AWS secret access keys: 40 base64 characters after a secret-key keyword.
        Defs.anchored(
            "aws-secret-access-key",
            "aws-secret-key",
            FAMILY,
            Severity.CRITICAL,
            0.9,
            Set.of("aws_secret", "awssecret", "secret_access", "secretaccess"),
            0,
            ("(?i:aws_?secret_?access_?key|secret_?access_?key|aws_?secret(?:_?key)?)"
                + "[\"']?\\s{0,5}[:=]{1,2}>?\\s{0,5}[\"']?"
                + "([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])"),
            candidate ->
                !Placeholders.isPlaceholder(candidate) && Placeholders.entropy(candidate) > 3.5),
        // Google API keys.
        Defs.anchored(
            "gcp-api-key",
            "gcp-api-key",
            FAMILY,
            Severity.HIGH,
            0.95,
            Set.of("aiza"),
            0,
            ("(?<![A-Za-z0-9_-])(AIza[0-9A-Za-z_-]{35})(?![A-Za-z0-9_-])"),
            candidate -> !Placeholders.isPlaceholder(candidate)),
        // Google service-account key files: the private_key_id field (40 hex characters).
        Defs.anchored(
            "gcp-service-account-key",
            "gcp-service-account-key",
            FAMILY,
            Severity.CRITICAL,
            0.95,
            Set.of("private_key_id"),
            1,
            ("\"private_key_id\"\\s{0,5}:\\s{0,5}\"([0-9a-f]{40})\""),
            candidate -> !Placeholders.isPlaceholder(candidate)),
        // STS session tokens: base64 of a protobuf-like blob whose first bytes are fixed.
        Defs.token(
            "aws-session-token",
            "aws-session-token",
            FAMILY,
            Severity.CRITICAL,
            0.95,
            Set.of("iqojb3jpz2lux2vj", "fwogzxivyxdze", "fqogzxivyxdze"),
            "(?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdzE|FQoGZXIvYXdzE)[A-Za-z0-9/+]{100,4000}+={0,2}"),
        // Amazon Marketplace Web Service auth tokens.
        Defs.token(
            "aws-mws-auth-token",
            "aws-mws-token",
            FAMILY,
            Severity.CRITICAL,
            0.97,
            Set.of("amzn.mws."),
            "amzn\\.mws\\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
        // Google OAuth client secrets (GOCSPX- then 28 characters).
        Defs.token(
            "gcp-oauth-client-secret",
            "gcp-oauth-client-secret",
            FAMILY,
            Severity.HIGH,
            0.97,
            Set.of("gocspx-"),
            "GOCSPX-[A-Za-z0-9_-]{28}"),
        // Google OAuth 2.0 access tokens (ya29.) and refresh tokens (1//0).
        Defs.token(
            "gcp-oauth-access-token",
            "gcp-oauth-token",
            FAMILY,
            Severity.HIGH,
            0.9,
            Set.of("ya29."),
            "ya29\\.[A-Za-z0-9_-]{50,2048}+",
            v -> Values.characterClasses(v) >= 3),
        Defs.token(
            "gcp-oauth-refresh-token",
            "gcp-oauth-token",
            FAMILY,
            Severity.CRITICAL,
            0.85,
            Set.of("1//0"),
            "1//0[A-Za-z0-9_-]{40,512}+",
            v -> Values.characterClasses(v) >= 3 && Placeholders.entropy(v) > 4.0));
  }
}
