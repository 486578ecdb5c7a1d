package dev.tether.core.rules.credentials;

import dev.tether.core.policy.DetectorFamilies;
import dev.tether.core.rules.Detector;
import dev.tether.core.rules.Severity;
import java.util.List;
import java.util.Set;

/**
 * Family {@value #FAMILY}: developer platforms and SaaS APIs with prefixed tokens (Supabase,
 * PlanetScale, Postman, Linear, Airtable, Figma, Notion, SonarQube, Render) and keyed ones (Okta,
 * Snyk, Consul).
 */
final class DeveloperPlatformDetectors {
  static final String FAMILY = DetectorFamilies.INFRASTRUCTURE_CREDENTIALS;

  private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  private DeveloperPlatformDetectors() {}

  static List<Detector> all() {
    return List.of(
        t("supabase-access-token", "supabase-token", 0.95, "sbp_", "sbp_[0-9a-f]{40}"),
        t(
            "planetscale-token",
            "planetscale-token",
            0.95,
            "pscale_",
            "pscale_(?:tkn|oauth|pw)_[A-Za-z0-9_.-]{32,64}+"),
        t("postman-api-key", "postman-api-key", 0.97, "pmak-", "PMAK-[0-9a-f]{24}-[0-9a-f]{34}"),
        t("linear-api-key", "linear-api-key", 0.95, "lin_api_", "lin_api_[A-Za-z0-9]{40}"),
        t("airtable-pat", "airtable-token", 0.95, "pat", "pat[A-Za-z0-9]{14}\\.[0-9a-f]{64}"),
        t("figma-pat", "figma-token", 0.9, "figd_", "figd_[A-Za-z0-9_-]{40}"),
        t("notion-token", "notion-token", 0.9, "ntn_", "ntn_[A-Za-z0-9]{46}"),
        Defs.token(
            "sonarqube-token",
            "sonarqube-token",
            FAMILY,
            Severity.CRITICAL,
            0.95,
            Set.of("sqp_", "squ_", "sqa_"),
            "sq[pua]_[0-9a-f]{40}",
            v -> Values.plausible(v, 3.0)),
        t("render-api-key", "render-api-key", 0.85, "rnd_", "rnd_[A-Za-z0-9]{32}"),
        Defs.keyed(
            "okta-api-token",
            "okta-token",
            FAMILY,
            Severity.CRITICAL,
            0.85,
            Set.of("okta"),
            "okta",
            "00[A-Za-z0-9_-]{40}",
            3.8),
        Defs.keyed(
            "snyk-token",
            "snyk-token",
            FAMILY,
            Severity.HIGH,
            0.8,
            Set.of("snyk"),
            "snyk",
            UUID,
            3.0),
        Defs.keyed(
            "consul-token",
            "consul-token",
            FAMILY,
            Severity.CRITICAL,
            0.8,
            Set.of("consul"),
            "consul[A-Za-z0-9_.-]{0,16}?token",
            UUID,
            3.0));
  }

  private static Detector t(
      String id, String type, double confidence, String keyword, String body) {
    return Defs.token(
        id,
        type,
        FAMILY,
        Severity.CRITICAL,
        confidence,
        Set.of(keyword),
        body,
        v -> Values.plausible(v, 3.0));
  }
}
