package dev.tether.core.rules.credentials;

import static dev.tether.core.rules.credentials.FakeCredentialSamples.k;
import static dev.tether.core.rules.credentials.FakeCredentialSamples.s;
import static dev.tether.core.rules.credentials.FakeCredentialSamples.uuid;
import static dev.tether.core.rules.credentials.FakeCredentials.ALNUM;
import static dev.tether.core.rules.credentials.FakeCredentials.B64URL;
import static dev.tether.core.rules.credentials.FakeCredentials.DIGITS;
import static dev.tether.core.rules.credentials.FakeCredentials.HEX;
import static dev.tether.core.rules.credentials.FakeCredentials.LOWER_ALNUM;
import static dev.tether.core.rules.credentials.FakeCredentials.UPPER_ALNUM;
import static dev.tether.core.rules.credentials.FakeCredentials.b64;
import static dev.tether.core.rules.credentials.FakeCredentials.chars;
import static dev.tether.core.rules.credentials.FakeCredentials.checksummed;
import static dev.tether.core.rules.credentials.FakeCredentials.password;
import static dev.tether.core.rules.credentials.FakeCredentials.run;
import static dev.tether.core.rules.credentials.FakeCredentials.seq;

import dev.tether.core.rules.credentials.FakeCredentials.Sample;
import java.util.List;

/** The sample table behind {@link FakeCredentials#samples()}: payments to package registries. */
final class FakeCredentialSamples2 {
  private FakeCredentialSamples2() {}

  static void addTo(List<Sample> l) {
    payments(l);
    messaging(l);
    packages(l);
    FakeCredentialSamples3.addTo(l);
  }

  private static void payments(List<Sample> l) {
    for (String[] st :
        new String[][] {
          {"stripe-secret-key", "sk_live_"},
          {"stripe-restricted-key", "rk_live_"},
          {"stripe-test-secret-key", "sk_test_"},
          {"stripe-test-restricted-key", "rk_test_"}
        }) {
      l.add(s(st[0], "stripe-key", seq(st[1], run(ALNUM, 24, 99)), "stripe.api_key = '{secret}'"));
    }
    l.add(
        s(
            "stripe-webhook-secret",
            "stripe-webhook-secret",
            seq("whsec_", run(ALNUM, 32)),
            "STRIPE_WEBHOOK_SECRET={secret}"));
    l.add(
        s(
            "braintree-access-token",
            "braintree-access-token",
            seq("access_token$production$", run(LOWER_ALNUM, 16), "$", run(HEX, 32)),
            "BRAINTREE_TOKEN={secret}"));
    l.add(
        s(
            "square-access-token",
            "square-access-token",
            seq("EAAA", run(B64URL, 60)),
            "SQUARE_ACCESS_TOKEN={secret}"));
    l.add(
        s(
            "square-oauth-secret",
            "square-oauth-secret",
            seq("sq0csp-", run(B64URL, 43)),
            "square_secret: {secret}"));
    for (String[] sh :
        new String[][] {
          {"shopify-access-token", "shpat_"},
          {"shopify-custom-app-token", "shpca_"},
          {"shopify-private-app-token", "shppa_"},
          {"shopify-shared-secret", "shpss_"}
        }) {
      l.add(s(sh[0], "shopify-token", seq(sh[1], run(HEX, 32)), "SHOPIFY_TOKEN={secret}"));
    }
    l.add(
        s(
            "flutterwave-secret-key",
            "flutterwave-secret-key",
            seq("FLWSECK-", run(HEX, 32), "-X"),
            "FLW_SECRET_KEY={secret}"));
    l.add(k("plaid-secret", "plaid-secret", seq(run(HEX, 30)), "PLAID_SECRET={secret}"));
  }

  private static void messaging(List<Sample> l) {
    l.add(
        s(
            "slack-bot-token",
            "slack-token",
            seq("xoxb-", run(DIGITS, 12), "-", run(DIGITS, 13), "-", run(ALNUM, 24)),
            "SLACK_BOT_TOKEN={secret}"));
    l.add(
        s(
            "slack-user-token",
            "slack-token",
            seq(
                "xoxp-",
                run(DIGITS, 12),
                "-",
                run(DIGITS, 12),
                "-",
                run(DIGITS, 13),
                "-",
                run(HEX, 32)),
            "SLACK_USER_TOKEN={secret}"));
    l.add(
        s(
            "slack-app-token",
            "slack-token",
            seq("xapp-1-A", run(UPPER_ALNUM, 10), "-", run(DIGITS, 13), "-", run(HEX, 64)),
            "SLACK_APP_TOKEN={secret}"));
    l.add(
        s(
            "slack-config-token",
            "slack-token",
            seq("xoxe.xoxp-1-", run(ALNUM, 163)),
            "SLACK_CONFIG_TOKEN={secret}"));
    l.add(
        s(
            "slack-legacy-token",
            "slack-token",
            seq("xoxa-2-", run(DIGITS, 12), "-", run(ALNUM, 32)),
            "SLACK_TOKEN={secret}"));
    l.add(
        s(
            "slack-webhook-url",
            "slack-webhook",
            seq(
                "https://hooks.slack.com/services/T",
                run(UPPER_ALNUM, 10),
                "/B",
                run(UPPER_ALNUM, 10),
                "/",
                run(ALNUM, 24)),
            "SLACK_WEBHOOK_URL={secret}"));
    l.add(
        s(
            "discord-webhook-url",
            "discord-webhook",
            seq("https://discord.com/api/webhooks/", run(DIGITS, 19), "/", run(B64URL, 68)),
            "webhook = \"{secret}\""));
    l.add(
        k(
            "discord-bot-token",
            "discord-bot-token",
            seq("M", run(B64URL, 25), ".", run(B64URL, 6), ".", run(B64URL, 38)),
            "DISCORD_BOT_TOKEN={secret}"));
    l.add(
        s(
            "telegram-bot-token",
            "telegram-bot-token",
            seq(run(DIGITS, 10), ":AA", run(B64URL, 33)),
            "TELEGRAM_BOT_TOKEN={secret}"));
    l.add(
        s(
            "teams-webhook-url",
            "teams-webhook",
            r ->
                "https://acme.webhook.office.com/webhookb2/"
                    + uuid().apply(r)
                    + "@"
                    + uuid().apply(r)
                    + "/IncomingWebhook/"
                    + chars(r, HEX, 32)
                    + "/"
                    + uuid().apply(r),
            "teams_url: {secret}"));
    l.add(
        k("twilio-api-key", "twilio-api-key", seq("SK", run(HEX, 32)), "TWILIO_API_KEY={secret}"));
    l.add(
        k(
            "twilio-auth-token",
            "twilio-auth-token",
            seq(run(HEX, 32)),
            "TWILIO_AUTH_TOKEN={secret}"));
    l.add(
        s(
            "sendgrid-api-key",
            "sendgrid-api-key",
            seq("SG.", run(B64URL, 22), ".", run(B64URL, 43)),
            "SENDGRID_API_KEY={secret}"));
    l.add(
        s(
            "mailgun-api-key",
            "mailgun-api-key",
            seq("key-", run(HEX, 32)),
            "auth=('api', '{secret}')"));
    l.add(
        k(
            "mailgun-private-key",
            "mailgun-api-key",
            seq(run(HEX, 32), "-", run(HEX, 8), "-", run(HEX, 8)),
            "MAILGUN_API_KEY={secret}"));
    l.add(
        s(
            "mailchimp-api-key",
            "mailchimp-api-key",
            seq(run(HEX, 32), "-us", run(DIGITS, 2)),
            "MAILCHIMP_KEY={secret}"));
    l.add(
        s(
            "brevo-api-key",
            "brevo-api-key",
            seq("xkeysib-", run(HEX, 64), "-", run(ALNUM, 16)),
            "BREVO_API_KEY={secret}"));
    l.add(k("postmark-server-token", "postmark-token", uuid(), "POSTMARK_SERVER_TOKEN={secret}"));
  }

  private static void packages(List<Sample> l) {
    l.add(
        s(
            "npm-access-token",
            "npm-token",
            checksummed("npm_"),
            "//registry.npmjs.org/:_authToken={secret}"));
    l.add(
        k(
            "npmrc-auth-token",
            "npm-token",
            uuid(),
            "//npm.pkg.example-corp.com/:_authToken={secret}"));
    l.add(
        s(
            "pypi-api-token",
            "pypi-token",
            seq("pypi-AgEIcHlwaS5vcmc", run(B64URL, 160)),
            "[pypi]\nusername = __token__\npassword = {secret}"));
    l.add(
        s(
            "nuget-api-key",
            "nuget-api-key",
            seq("oy2", run(LOWER_ALNUM, 43)),
            "NUGET_KEY={secret}"));
    l.add(
        s(
            "rubygems-api-key",
            "rubygems-api-key",
            seq("rubygems_", run(HEX, 48)),
            "---\n:rubygems_api_key: {secret}"));
    l.add(
        s(
            "dockerhub-pat",
            "docker-token",
            seq("dckr_pat_", run(B64URL, 27)),
            "echo {secret} | docker login -u acme --password-stdin"));
    l.add(
        k(
            "docker-config-auth",
            "docker-auth",
            r -> b64("ci-bot:" + password(r)),
            "{\"auths\": {\"registry.acme.io\": {\"auth\": \"{secret}\"}}}"));
    l.add(
        s(
            "artifactory-api-key",
            "artifactory-token",
            seq("AKCp", run(ALNUM, 69)),
            "ARTIFACTORY_API_KEY={secret}"));
    l.add(
        s(
            "artifactory-reference-token",
            "artifactory-token",
            seq("cmVmdGtu", run(ALNUM, 56)),
            "JFROG_TOKEN={secret}"));
    l.add(
        s(
            "crates-io-token",
            "crates-io-token",
            seq("cio", run(ALNUM, 32)),
            "[registry]\ntoken = \"{secret}\""));
  }
}
