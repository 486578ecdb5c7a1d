package dev.tether.core.rules.credentials;

import dev.tether.core.policy.DetectorFamilies;
import dev.tether.core.rules.Detector;
import dev.tether.core.rules.Severity;
import java.util.List;
import java.util.Set;

/**
 * Family {@value #FAMILY}: secret stores and infrastructure control planes: HashiCorp Vault,
 * Terraform Cloud, Pulumi, DigitalOcean, Doppler, Databricks, Cloudflare, Heroku, Fly.io,
 * Tailscale, Netlify, 1Password service accounts. Kubernetes Secret manifests are a separate
 * detector.
 */
final class InfrastructureDetectors {
  static final String FAMILY = DetectorFamilies.INFRASTRUCTURE_CREDENTIALS;

  private InfrastructureDetectors() {}

  static List<Detector> all() {
    return List.of(
        vault("vault-service-token", "hvs.", Severity.CRITICAL),
        vault("vault-batch-token", "hvb.", Severity.HIGH),
        vault("vault-recovery-token", "hvr.", Severity.CRITICAL),
        // Pre-1.10 service tokens: "s." and 24 base62 characters; too short to stand alone.
        Defs.keyed(
            "vault-legacy-token",
            "vault-token",
            FAMILY,
            Severity.CRITICAL,
            0.85,
            Set.of("vault"),
            "vault[A-Za-z0-9_.-]{0,16}?token",
            "s\\.[A-Za-z0-9]{24}",
            3.5),
        token(
            "terraform-cloud-token",
            "terraform-token",
            Severity.CRITICAL,
            0.97,
            "atlasv1",
            "[A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=-]{60,70}+",
            15),
        token(
            "pulumi-access-token",
            "pulumi-token",
            Severity.CRITICAL,
            0.95,
            "pul-",
            "pul-[0-9a-f]{40}"),
        token(
            "digitalocean-pat",
            "digitalocean-token",
            Severity.CRITICAL,
            0.97,
            "dop_v1_",
            "dop_v1_[0-9a-f]{64}"),
        token(
            "digitalocean-oauth-token",
            "digitalocean-token",
            Severity.CRITICAL,
            0.97,
            "doo_v1_",
            "doo_v1_[0-9a-f]{64}"),
        token(
            "digitalocean-refresh-token",
            "digitalocean-token",
            Severity.CRITICAL,
            0.97,
            "dor_v1_",
            "dor_v1_[0-9a-f]{64}"),
        token(
            "doppler-token",
            "doppler-token",
            Severity.CRITICAL,
            0.95,
            "dp.",
            "dp\\.(?:pt|st|sa|ct|scim|audit)\\.[A-Za-z0-9]{40,44}"),
        token(
            "databricks-token",
            "databricks-token",
            Severity.CRITICAL,
            0.95,
            "dapi",
            "dapi[0-9a-f]{32}(?:-[0-9])?"),
        Defs.keyed(
            "cloudflare-api-token",
            "cloudflare-token",
            FAMILY,
            Severity.CRITICAL,
            0.8,
            Set.of("cloudflare", "cf_api_token", "cf_api_key"),
            "cloudflare[A-Za-z0-9_.-]{0,16}?(?:token|key)|cf_api_(?:token|key)",
            "[A-Za-z0-9_-]{40}|[0-9a-f]{37}",
            3.5),
        token(
            "cloudflare-origin-ca-key",
            "cloudflare-token",
            Severity.CRITICAL,
            0.95,
            "v1.0-",
            "v1\\.0-[0-9a-f]{24}-[0-9a-f]{146}"),
        token(
            "heroku-api-key",
            "heroku-api-key",
            Severity.CRITICAL,
            0.95,
            "hrku-",
            "HRKU-[A-Za-z0-9_-]{60}"),
        Defs.keyed(
            "heroku-legacy-api-key",
            "heroku-api-key",
            FAMILY,
            Severity.CRITICAL,
            0.8,
            Set.of("heroku"),
            "heroku[A-Za-z0-9_.-]{0,16}?(?:api_?key|token)",
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
            3.0),
        token(
            "flyio-token", "flyio-token", Severity.CRITICAL, 0.9, "fo1_", "fo1_[A-Za-z0-9_-]{43}"),
        token(
            "tailscale-key",
            "tailscale-key",
            Severity.CRITICAL,
            0.97,
            "tskey-",
            "tskey-(?:auth|api|client|scim|webhook)-[A-Za-z0-9]{10,20}-[A-Za-z0-9]{20,40}"),
        token(
            "netlify-pat", "netlify-token", Severity.CRITICAL, 0.9, "nfp_", "nfp_[A-Za-z0-9]{36}"),
        token(
            "onepassword-service-account-token",
            "onepassword-token",
            Severity.CRITICAL,
            0.95,
            "ops_eyj",
            "ops_eyJ[A-Za-z0-9+/=_-]{100,2000}+"));
  }

  private static Detector vault(String id, String prefix, Severity severity) {
    return Defs.token(
        id,
        "vault-token",
        FAMILY,
        severity,
        0.95,
        Set.of(prefix),
        prefix.replace(".", "\\.") + "[A-Za-z0-9_-]{90,600}+",
        v -> Values.plausible(v, 4.0));
  }

  static Detector token(
      String id, String type, Severity severity, double confidence, String keyword, String body) {
    return token(id, type, severity, confidence, keyword, body, 0);
  }

  /** A token whose keyword sits up to {@code offset} characters after its start. */
  static Detector token(
      String id,
      String type,
      Severity severity,
      double confidence,
      String keyword,
      String body,
      int offset) {
    return Defs.token(
        id,
        type,
        FAMILY,
        severity,
        confidence,
        Set.of(keyword),
        body,
        v -> Values.plausible(v, 3.0),
        offset);
  }
}
