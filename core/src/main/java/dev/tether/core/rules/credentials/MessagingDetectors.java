package dev.tether.core.rules.credentials;

import dev.tether.core.policy.DetectorFamilies;
import dev.tether.core.rules.Detector;
import dev.tether.core.rules.Severity;
import java.util.List;
import java.util.Set;

/**
 * Family {@value #FAMILY}: Slack tokens and webhooks, Discord, Telegram and Teams webhooks or bot
 * tokens, Twilio, SendGrid, Mailgun, Mailchimp, Brevo and Postmark. Webhook URLs are reported
 * whole: the URL is the credential.
 */
final class MessagingDetectors {
  static final String FAMILY = DetectorFamilies.MESSAGING_CREDENTIALS;

  private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  private MessagingDetectors() {}

  static List<Detector> all() {
    return List.of(
        slack("slack-bot-token", "xoxb-", "xoxb-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24}", 0.97),
        slack(
            "slack-user-token",
            "xoxp-",
            "xoxp-[0-9]{10,13}-[0-9]{10,13}-[0-9]{10,13}-[0-9a-f]{32}",
            0.97),
        slack(
            "slack-app-token",
            "xapp-",
            "xapp-[0-9]-[A-Z0-9]{9,12}-[0-9]{10,14}-[0-9a-f]{64}",
            0.97),
        slack(
            "slack-config-token", "xoxe", "xoxe(?:\\.xox[bp])?-[0-9]-[A-Za-z0-9]{140,200}+", 0.95),
        slack(
            "slack-legacy-token",
            "xox",
            "xox[aors]-(?:[0-9]-)?[0-9]{10,13}-[0-9A-Za-z-]{20,200}+",
            0.9),
        Defs.token(
            "slack-webhook-url",
            "slack-webhook",
            FAMILY,
            Severity.HIGH,
            0.97,
            Set.of("hooks.slack.com"),
            "https://hooks\\.slack\\.com/(?:services|workflows|triggers)/T[A-Z0-9]{8,12}/"
                + "[A-Z0-9]{8,12}/(?:[0-9]{6,20}/)?[A-Za-z0-9]{24,40}",
            v -> true,
            8),
        Defs.token(
            "discord-webhook-url",
            "discord-webhook",
            FAMILY,
            Severity.HIGH,
            0.97,
            Set.of("/api/webhooks/"),
            "https://(?:ptb\\.|canary\\.)?discord(?:app)?\\.com/api/webhooks/[0-9]{17,20}/"
                + "[A-Za-z0-9_-]{60,68}",
            v -> true,
            30),
        Defs.keyed(
            "discord-bot-token",
            "discord-bot-token",
            FAMILY,
            Severity.CRITICAL,
            0.9,
            Set.of("discord"),
            "discord",
            "[MNO][A-Za-z0-9_-]{23,25}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38}",
            4.0),
        // Bot id, a colon, then "AA" and 33 URL-safe characters.
        Defs.token(
            "telegram-bot-token",
            "telegram-bot-token",
            FAMILY,
            Severity.CRITICAL,
            0.9,
            Set.of(":aa"),
            "[0-9]{8,10}:AA[A-Za-z0-9_-]{33}",
            v -> Values.plausible(v, 4.0),
            10),
        Defs.token(
            "teams-webhook-url",
            "teams-webhook",
            FAMILY,
            Severity.HIGH,
            0.95,
            Set.of("webhook.office.com"),
            "https://[a-z0-9-]{1,64}+\\.webhook\\.office\\.com/webhookb2/"
                + UUID
                + "@"
                + UUID
                + "/IncomingWebhook/[0-9a-f]{32}/"
                + UUID,
            v -> true,
            73),
        Defs.keyed(
            "twilio-api-key",
            "twilio-api-key",
            FAMILY,
            Severity.HIGH,
            0.85,
            Set.of("twilio"),
            "twilio",
            "SK[0-9a-f]{32}",
            3.0),
        Defs.keyed(
            "twilio-auth-token",
            "twilio-auth-token",
            FAMILY,
            Severity.CRITICAL,
            0.85,
            Set.of("twilio"),
            "twilio[A-Za-z0-9_.-]{0,16}?(?:auth_?token|api_?secret|secret)",
            "[0-9a-f]{32}",
            3.0),
        // Key id (22) and secret (43), both URL-safe Base64, dot-separated.
        Defs.token(
            "sendgrid-api-key",
            "sendgrid-api-key",
            FAMILY,
            Severity.CRITICAL,
            0.97,
            Set.of("sg."),
            "SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}",
            v -> Values.plausible(v, 4.0)),
        Defs.token(
            "mailgun-api-key",
            "mailgun-api-key",
            FAMILY,
            Severity.CRITICAL,
            0.85,
            Set.of("key-"),
            "key-[0-9a-f]{32}",
            v -> Values.plausible(v.substring(4), 3.0)),
        Defs.keyed(
            "mailgun-private-key",
            "mailgun-api-key",
            FAMILY,
            Severity.CRITICAL,
            0.85,
            Set.of("mailgun"),
            "mailgun",
            "[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8}",
            3.0),
        Defs.token(
            "mailchimp-api-key",
            "mailchimp-api-key",
            FAMILY,
            Severity.CRITICAL,
            0.9,
            Set.of("-us"),
            "[0-9a-f]{32}-us[0-9]{1,2}",
            v -> Values.plausible(v.substring(0, 32), 3.0),
            32),
        Defs.token(
            "brevo-api-key",
            "brevo-api-key",
            FAMILY,
            Severity.CRITICAL,
            0.97,
            Set.of("xkeysib-"),
            "xkeysib-[0-9a-f]{64}-[A-Za-z0-9]{16}",
            v -> Values.plausible(v, 3.5)),
        Defs.keyed(
            "postmark-server-token",
            "postmark-token",
            FAMILY,
            Severity.CRITICAL,
            0.8,
            Set.of("postmark"),
            "postmark",
            UUID,
            3.0));
  }

  private static Detector slack(String id, String keyword, String body, double confidence) {
    return Defs.token(
        id,
        "slack-token",
        FAMILY,
        Severity.CRITICAL,
        confidence,
        Set.of(keyword),
        body,
        v -> Values.plausible(v, 3.5));
  }
}
