package dev.tether.core.rules.credentials;

import static dev.tether.core.rules.credentials.FakeCredentialSamples.k;
import static dev.tether.core.rules.credentials.FakeCredentialSamples.s;
import static dev.tether.core.rules.credentials.FakeCredentialSamples.uuid;
import static dev.tether.core.rules.credentials.FakeCredentials.ALNUM;
import static dev.tether.core.rules.credentials.FakeCredentials.B64;
import static dev.tether.core.rules.credentials.FakeCredentials.B64URL;
import static dev.tether.core.rules.credentials.FakeCredentials.BECH32_UPPER;
import static dev.tether.core.rules.credentials.FakeCredentials.DIGITS;
import static dev.tether.core.rules.credentials.FakeCredentials.HEX;
import static dev.tether.core.rules.credentials.FakeCredentials.UPPER_ALNUM;
import static dev.tether.core.rules.credentials.FakeCredentials.b64;
import static dev.tether.core.rules.credentials.FakeCredentials.b64url;
import static dev.tether.core.rules.credentials.FakeCredentials.chars;
import static dev.tether.core.rules.credentials.FakeCredentials.password;
import static dev.tether.core.rules.credentials.FakeCredentials.run;
import static dev.tether.core.rules.credentials.FakeCredentials.seq;

import dev.tether.core.rules.credentials.FakeCredentials.Sample;
import java.util.List;

/** The sample table behind {@link FakeCredentials#samples()}: observability to generic secrets. */
final class FakeCredentialSamples3 {
  private FakeCredentialSamples3() {}

  static void addTo(List<Sample> l) {
    observability(l);
    infrastructure(l);
    keysAndGeneric(l);
  }

  private static void observability(List<Sample> l) {
    l.add(k("datadog-api-key", "datadog-api-key", seq(run(HEX, 32)), "DD_API_KEY={secret}"));
    l.add(k("datadog-app-key", "datadog-app-key", seq(run(HEX, 40)), "DD_APP_KEY={secret}"));
    l.add(
        s(
            "newrelic-user-api-key",
            "newrelic-key",
            seq("NRAK-", run(UPPER_ALNUM, 27)),
            "NEW_RELIC_API_KEY={secret}"));
    l.add(
        s(
            "newrelic-insert-key",
            "newrelic-key",
            seq("NRII-", run(B64URL, 32)),
            "NEW_RELIC_INSERT_KEY={secret}"));
    l.add(
        s(
            "newrelic-browser-key",
            "newrelic-key",
            seq("NRJS-", run(HEX, 19)),
            "licenseKey: '{secret}'"));
    l.add(
        s(
            "newrelic-license-key",
            "newrelic-key",
            seq(run(HEX, 36), "NRAL"),
            "NEW_RELIC_LICENSE_KEY={secret}"));
    l.add(
        k(
            "sentry-dsn",
            "sentry-dsn",
            seq(run(HEX, 32)),
            "SENTRY_DSN=https://{secret}@o123456.ingest.us.sentry.io/4507"));
    l.add(
        s(
            "sentry-org-token",
            "sentry-token",
            r ->
                "sntrys_"
                    + b64url("{\"iat\":1,\"url\":\"https://sentry.io\",\"org\":\"acme\"}")
                    + "_"
                    + chars(r, B64URL, 43),
            "SENTRY_AUTH_TOKEN={secret}"));
    l.add(
        s(
            "sentry-user-token",
            "sentry-token",
            seq("sntryu_", run(HEX, 64)),
            "SENTRY_AUTH_TOKEN={secret}"));
    l.add(
        s(
            "grafana-service-account-token",
            "grafana-token",
            seq("glsa_", run(ALNUM, 32), "_", run(HEX, 8)),
            "GRAFANA_TOKEN={secret}"));
    l.add(
        s(
            "grafana-cloud-token",
            "grafana-token",
            seq("glc_", run(ALNUM, 120)),
            "GRAFANA_CLOUD_TOKEN={secret}"));
    l.add(
        s(
            "grafana-api-key",
            "grafana-token",
            r ->
                b64("{\"k\":\"" + chars(r, ALNUM, 32) + "\",\"n\":\"ci\",\"id\":1}")
                    .replace("=", ""),
            "GRAFANA_API_KEY={secret}"));
    l.add(
        s(
            "dynatrace-token",
            "dynatrace-token",
            seq("dt0c01.", run(UPPER_ALNUM, 24), ".", run(UPPER_ALNUM, 64)),
            "DT_API_TOKEN={secret}"));
    l.add(
        k(
            "honeycomb-api-key",
            "honeycomb-api-key",
            seq(run(ALNUM, 22)),
            "HONEYCOMB_API_KEY={secret}"));
    l.add(
        k(
            "pagerduty-api-key",
            "pagerduty-api-key",
            seq("u+", run(B64URL, 18)),
            "PAGERDUTY_TOKEN={secret}"));
    l.add(k("splunk-hec-token", "splunk-token", uuid(), "Authorization: Splunk {secret}"));
    l.add(k("opsgenie-api-key", "opsgenie-api-key", uuid(), "OPSGENIE_API_KEY={secret}"));
  }

  private static void infrastructure(List<Sample> l) {
    for (String[] v :
        new String[][] {
          {"vault-service-token", "hvs."},
          {"vault-batch-token", "hvb."},
          {"vault-recovery-token", "hvr."}
        }) {
      l.add(s(v[0], "vault-token", seq(v[1], run(B64URL, 91)), "VAULT_TOKEN={secret}"));
    }
    l.add(
        k("vault-legacy-token", "vault-token", seq("s.", run(ALNUM, 24)), "VAULT_TOKEN={secret}"));
    l.add(
        s(
            "terraform-cloud-token",
            "terraform-token",
            seq(run(ALNUM, 14), ".atlasv1.", run(B64URL, 67)),
            "credentials \"app.terraform.io\" { token = \"{secret}\" }"));
    l.add(
        s(
            "pulumi-access-token",
            "pulumi-token",
            seq("pul-", run(HEX, 40)),
            "PULUMI_ACCESS_TOKEN={secret}"));
    for (String[] d :
        new String[][] {
          {"digitalocean-pat", "dop_v1_"},
          {"digitalocean-oauth-token", "doo_v1_"},
          {"digitalocean-refresh-token", "dor_v1_"}
        }) {
      l.add(s(d[0], "digitalocean-token", seq(d[1], run(HEX, 64)), "DO_TOKEN={secret}"));
    }
    l.add(
        s(
            "doppler-token",
            "doppler-token",
            seq("dp.pt.", run(ALNUM, 43)),
            "DOPPLER_TOKEN={secret}"));
    l.add(
        s(
            "databricks-token",
            "databricks-token",
            seq("dapi", run(HEX, 32)),
            "DATABRICKS_TOKEN={secret}"));
    l.add(
        k(
            "cloudflare-api-token",
            "cloudflare-token",
            seq(run(B64URL, 40)),
            "CLOUDFLARE_API_TOKEN={secret}"));
    l.add(
        s(
            "cloudflare-origin-ca-key",
            "cloudflare-token",
            seq("v1.0-", run(HEX, 24), "-", run(HEX, 146)),
            "CF_ORIGIN_CA_KEY={secret}"));
    l.add(
        s(
            "heroku-api-key",
            "heroku-api-key",
            seq("HRKU-", run(B64URL, 60)),
            "HEROKU_API_KEY={secret}"));
    l.add(k("heroku-legacy-api-key", "heroku-api-key", uuid(), "HEROKU_API_KEY={secret}"));
    l.add(s("flyio-token", "flyio-token", seq("fo1_", run(B64URL, 43)), "FLY_API_TOKEN={secret}"));
    l.add(
        s(
            "tailscale-key",
            "tailscale-key",
            seq("tskey-auth-", run(ALNUM, 12), "-", run(ALNUM, 30)),
            "TS_AUTHKEY={secret}"));
    l.add(
        s(
            "netlify-pat",
            "netlify-token",
            seq("nfp_", run(ALNUM, 36)),
            "NETLIFY_AUTH_TOKEN={secret}"));
    l.add(
        s(
            "onepassword-service-account-token",
            "onepassword-token",
            r ->
                "ops_"
                    + b64url(
                        "{\"signInAddress\":\"acme.1password.com\",\"userAuth\":{\"k\":\""
                            + chars(r, ALNUM, 60)
                            + "\"}}"),
            "OP_SERVICE_ACCOUNT_TOKEN={secret}"));
    l.add(
        s(
            "supabase-access-token",
            "supabase-token",
            seq("sbp_", run(HEX, 40)),
            "SUPABASE_ACCESS_TOKEN={secret}"));
    l.add(
        s(
            "planetscale-token",
            "planetscale-token",
            seq("pscale_tkn_", run(B64URL, 43)),
            "PLANETSCALE_SERVICE_TOKEN={secret}"));
    l.add(
        s(
            "postman-api-key",
            "postman-api-key",
            seq("PMAK-", run(HEX, 24), "-", run(HEX, 34)),
            "POSTMAN_API_KEY={secret}"));
    l.add(
        s(
            "linear-api-key",
            "linear-api-key",
            seq("lin_api_", run(ALNUM, 40)),
            "LINEAR_API_KEY={secret}"));
    l.add(
        s(
            "airtable-pat",
            "airtable-token",
            seq("pat", run(ALNUM, 14), ".", run(HEX, 64)),
            "AIRTABLE_TOKEN={secret}"));
    l.add(s("figma-pat", "figma-token", seq("figd_", run(B64URL, 40)), "FIGMA_TOKEN={secret}"));
    l.add(s("notion-token", "notion-token", seq("ntn_", run(ALNUM, 46)), "NOTION_TOKEN={secret}"));
    l.add(
        s("sonarqube-token", "sonarqube-token", seq("sqp_", run(HEX, 40)), "SONAR_TOKEN={secret}"));
    l.add(
        s(
            "render-api-key",
            "render-api-key",
            seq("rnd_", run(ALNUM, 32)),
            "RENDER_API_KEY={secret}"));
    l.add(k("okta-api-token", "okta-token", seq("00", run(B64URL, 40)), "OKTA_API_TOKEN={secret}"));
    l.add(k("snyk-token", "snyk-token", uuid(), "SNYK_TOKEN={secret}"));
    l.add(k("consul-token", "consul-token", uuid(), "CONSUL_HTTP_TOKEN={secret}"));
  }

  private static void keysAndGeneric(List<Sample> l) {
    l.add(
        k(
            "pem-private-key",
            "private-key",
            r -> "-----BEGIN RSA PRIVATE KEY-----\n" + pemBody(r),
            "key = \"\"\"{secret}-----END RSA PRIVATE KEY-----\n\"\"\""));
    l.add(
        k(
            "openssh-private-key",
            "private-key",
            r -> "-----BEGIN OPENSSH PRIVATE KEY-----\n" + opensshBody(r),
            "$ cat ~/.ssh/id_ed25519\n{secret}-----END OPENSSH PRIVATE KEY-----\n"));
    l.add(
        s(
            "age-secret-key",
            "private-key",
            seq("AGE-SECRET-KEY-1", run(BECH32_UPPER, 58)),
            "# created: 2024-01-01\n{secret}"));
    l.add(
        k(
            "kubeconfig-client-key",
            "private-key",
            r ->
                b64(
                    "-----BEGIN RSA PRIVATE KEY-----\n"
                        + pemBody(r)
                        + "-----END RSA PRIVATE KEY-----\n"),
            "users:\n- name: admin\n  user:\n    client-key-data: {secret}\n"));
    l.add(
        s(
            "jwt",
            "jwt",
            r ->
                b64url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}")
                    + "."
                    + b64url(
                        "{\"sub\":\"u"
                            + chars(r, DIGITS, 8)
                            + "\",\"iat\":17000"
                            + chars(r, DIGITS, 5)
                            + "}")
                    + "."
                    + chars(r, B64URL, 43),
            "Authorization: Bearer {secret}"));
    l.add(
        k(
            "url-password",
            "password",
            FakeCredentials::password,
            "DATABASE_URL=postgres://app_user:{secret}@db.internal:5432/app"));
    l.add(
        k(
            "password-assignment",
            "password",
            FakeCredentials::password,
            "spring:\n  datasource:\n    password: \"{secret}\"\n"));
    l.add(
        k(
            "xml-password",
            "password",
            FakeCredentials::password,
            "<server>\n  <id>nexus</id>\n  <username>deploy</username>\n"
                + "  <password>{secret}</password>\n</server>"));
    l.add(
        k(
            "http-basic-auth",
            "basic-auth",
            r -> b64("deploy:" + password(r)),
            "curl -H \"Authorization: Basic {secret}\" https://ci.internal/api"));
    l.add(
        k(
            "kubernetes-secret",
            "kubernetes-secret",
            r -> b64(password(r)),
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ntype: Opaque\ndata:\n"
                + "  password: {secret}\n"));
  }

  /**
   * A key body shaped like a real one: DER keys start with a SEQUENCE header ({@code MII...}), so
   * tools that anchor on it (as secretlint does) see a realistic sample.
   */
  static String pemBody(java.util.Random r) {
    return body(r, "MIIEpAIBAAKCAQEA");
  }

  /** An OpenSSH key body: Base64 of the {@code openssh-key-v1} magic, then key material. */
  static String opensshBody(java.util.Random r) {
    return body(r, "b3BlbnNzaC1rZXktdjEAAAAA");
  }

  private static String body(java.util.Random r, String prefix) {
    StringBuilder sb = new StringBuilder(prefix).append(chars(r, B64, 64 - prefix.length()));
    sb.append('\n');
    for (int i = 1; i < 6; i++) {
      sb.append(chars(r, B64, 64)).append('\n');
    }
    return sb.toString();
  }
}
