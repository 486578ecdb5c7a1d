package dev.tether.core.rules.credentials;

import dev.tether.core.policy.DetectorFamilies;
import dev.tether.core.rules.Detector;
import dev.tether.core.rules.Severity;
import java.util.List;
import java.util.Set;

/**
 * Family {@value #FAMILY}: Datadog, New Relic, Sentry, Grafana, Dynatrace, Honeycomb, PagerDuty,
 * Splunk, Opsgenie. Datadog, Honeycomb, PagerDuty, Splunk and Opsgenie keys have no prefix, so the
 * key name must be present.
 */
final class ObservabilityDetectors {
  static final String FAMILY = DetectorFamilies.OBSERVABILITY_CREDENTIALS;

  private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  private ObservabilityDetectors() {}

  static List<Detector> all() {
    return List.of(
        Defs.keyed(
            "datadog-api-key",
            "datadog-api-key",
            FAMILY,
            Severity.CRITICAL,
            0.85,
            Set.of("dd_api_key", "dd-api-key", "datadog"),
            "dd[_-]api[_-]key|datadog[A-Za-z0-9_.-]{0,16}?api[_-]?key",
            "[0-9a-f]{32}",
            3.0),
        Defs.keyed(
            "datadog-app-key",
            "datadog-app-key",
            FAMILY,
            Severity.CRITICAL,
            0.85,
            Set.of("dd_app", "dd-app", "dd_application", "dd-application", "datadog"),
            "dd[_-]app(?:lication)?[_-]key|datadog[A-Za-z0-9_.-]{0,16}?app(?:lication)?[_-]?key",
            "[0-9a-f]{40}",
            3.0),
        newRelic("newrelic-user-api-key", "NRAK-", "NRAK-[A-Z0-9]{27}", 0),
        newRelic("newrelic-insert-key", "NRII-", "NRII-[A-Za-z0-9_-]{32}", 0),
        newRelic("newrelic-browser-key", "NRJS-", "NRJS-[0-9a-f]{19}", 0),
        newRelic("newrelic-license-key", "NRAL", "[0-9a-f]{36}NRAL", 36),
        // DSN: https://<public key>[:<secret>]@<host with "sentry">/<project id>; the key is
        // spanned.
        Defs.anchored(
            "sentry-dsn",
            "sentry-dsn",
            FAMILY,
            Severity.MEDIUM,
            0.9,
            Set.of("sentry"),
            140,
            ("https?://([0-9a-f]{32}(?::[0-9a-f]{32})?)@[A-Za-z0-9.-]{0,60}?sentry"
                + "[A-Za-z0-9.-]{0,60}+(?::[0-9]{1,5})?/[0-9]{1,12}"),
            v -> Values.plausible(v, 3.0)),
        Defs.token(
            "sentry-org-token",
            "sentry-token",
            FAMILY,
            Severity.CRITICAL,
            0.95,
            Set.of("sntrys_"),
            "sntrys_[A-Za-z0-9+/=_-]{60,400}+",
            v -> Values.plausible(v, 4.0)),
        Defs.token(
            "sentry-user-token",
            "sentry-token",
            FAMILY,
            Severity.CRITICAL,
            0.95,
            Set.of("sntryu_"),
            "sntryu_[0-9a-f]{64}",
            v -> Values.plausible(v, 3.0)),
        Defs.token(
            "grafana-service-account-token",
            "grafana-token",
            FAMILY,
            Severity.CRITICAL,
            0.97,
            Set.of("glsa_"),
            "glsa_[A-Za-z0-9]{32}_[0-9a-f]{8}",
            v -> Values.plausible(v, 3.8)),
        Defs.token(
            "grafana-cloud-token",
            "grafana-token",
            FAMILY,
            Severity.CRITICAL,
            0.9,
            Set.of("glc_"),
            "glc_[A-Za-z0-9+/]{32,400}+={0,2}",
            v -> Values.plausible(v, 4.0)),
        // Legacy Grafana API keys: Base64 JSON that opens with {"k":"
        Defs.token(
            "grafana-api-key",
            "grafana-token",
            FAMILY,
            Severity.CRITICAL,
            0.9,
            Set.of("eyjrijoi"),
            "eyJrIjoi[A-Za-z0-9+/]{40,400}+={0,2}",
            v -> Values.base64Text(v).map(s -> s.contains("\"k\"")).orElse(false)),
        Defs.token(
            "dynatrace-token",
            "dynatrace-token",
            FAMILY,
            Severity.CRITICAL,
            0.97,
            Set.of("dt0"),
            "dt0[a-z][0-9]{2}\\.[A-Z0-9]{24}\\.[A-Z0-9]{64}",
            v -> Values.plausible(v, 3.8)),
        Defs.keyed(
            "honeycomb-api-key",
            "honeycomb-api-key",
            FAMILY,
            Severity.HIGH,
            0.8,
            Set.of("honeycomb"),
            "honeycomb",
            "[A-Za-z0-9]{22}|[0-9a-f]{32}",
            3.5),
        Defs.keyed(
            "pagerduty-api-key",
            "pagerduty-api-key",
            FAMILY,
            Severity.HIGH,
            0.8,
            Set.of("pagerduty"),
            "pagerduty",
            "u\\+[A-Za-z0-9_+-]{18}|[A-Za-z0-9_+-]{20}",
            3.5),
        Defs.keyed(
            "splunk-hec-token",
            "splunk-token",
            FAMILY,
            Severity.HIGH,
            0.8,
            Set.of("splunk"),
            "splunk",
            UUID,
            3.0),
        Defs.keyed(
            "opsgenie-api-key",
            "opsgenie-api-key",
            FAMILY,
            Severity.HIGH,
            0.8,
            Set.of("opsgenie", "geniekey"),
            "opsgenie|genieKey",
            UUID,
            3.0));
  }

  private static Detector newRelic(String id, String keyword, String body, int offset) {
    return Defs.token(
        id,
        "newrelic-key",
        FAMILY,
        Severity.CRITICAL,
        0.95,
        Set.of(keyword.toLowerCase(java.util.Locale.ROOT)),
        body,
        v -> Values.plausible(v, 3.0),
        offset);
  }
}
