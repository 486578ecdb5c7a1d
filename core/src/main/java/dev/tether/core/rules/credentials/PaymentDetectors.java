package dev.tether.core.rules.credentials;

import dev.tether.core.policy.DetectorFamilies;
import dev.tether.core.rules.Detector;
import dev.tether.core.rules.Severity;
import java.util.List;
import java.util.Set;

/**
 * Family {@value #FAMILY}: Stripe, PayPal/Braintree, Square, Shopify, Flutterwave and Plaid keys.
 * Stripe's published documentation test keys are suppressed.
 */
final class PaymentDetectors {
  static final String FAMILY = DetectorFamilies.PAYMENT_CREDENTIALS;

  /** Test keys printed in Stripe's public API reference; they grant nothing. */
  private static final Set<String> STRIPE_DOC_KEYS =
      Set.of("sk_test_4eC39HqLyjWDarjtT1zdp7dc", "sk_test_BQokikJOvBiI2HlWgH4olfQ2");

  private PaymentDetectors() {}

  static List<Detector> all() {
    return List.of(
        stripe("stripe-secret-key", "sk_live_", Severity.CRITICAL),
        stripe("stripe-restricted-key", "rk_live_", Severity.HIGH),
        stripe("stripe-test-secret-key", "sk_test_", Severity.MEDIUM),
        stripe("stripe-test-restricted-key", "rk_test_", Severity.MEDIUM),
        Defs.token(
            "stripe-webhook-secret",
            "stripe-webhook-secret",
            FAMILY,
            Severity.HIGH,
            0.9,
            Set.of("whsec_"),
            "whsec_[A-Za-z0-9+/]{32,64}+={0,2}",
            v -> Values.plausible(v, 4.0)),
        Defs.token(
            "braintree-access-token",
            "braintree-access-token",
            FAMILY,
            Severity.CRITICAL,
            0.97,
            Set.of("access_token$production$"),
            "access_token\\$production\\$[0-9a-z]{16}\\$[0-9a-f]{32}"),
        Defs.token(
            "square-access-token",
            "square-access-token",
            FAMILY,
            Severity.CRITICAL,
            0.9,
            Set.of("eaaa", "sq0atp-"),
            "EAAA[A-Za-z0-9_-]{60}|sq0atp-[A-Za-z0-9_-]{22}",
            v -> Values.plausible(v, 3.8)),
        Defs.token(
            "square-oauth-secret",
            "square-oauth-secret",
            FAMILY,
            Severity.CRITICAL,
            0.95,
            Set.of("sq0csp-"),
            "sq0csp-[A-Za-z0-9_-]{43}",
            v -> Values.plausible(v, 3.8)),
        shopify("shopify-access-token", "shpat_"),
        shopify("shopify-custom-app-token", "shpca_"),
        shopify("shopify-private-app-token", "shppa_"),
        shopify("shopify-shared-secret", "shpss_"),
        Defs.token(
            "flutterwave-secret-key",
            "flutterwave-secret-key",
            FAMILY,
            Severity.CRITICAL,
            0.95,
            Set.of("flwseck"),
            "FLWSECK(?:_TEST)?-[0-9a-f]{32}-X",
            v -> Values.plausible(v, 3.0)),
        Defs.keyed(
            "plaid-secret",
            "plaid-secret",
            FAMILY,
            Severity.CRITICAL,
            0.8,
            Set.of("plaid"),
            "plaid[A-Za-z0-9_.-]{0,12}?secret",
            "[0-9a-f]{30}",
            3.0));
  }

  /** Stripe keys: mode prefix then 24 to 247 base62 characters. */
  private static Detector stripe(String id, String prefix, Severity severity) {
    return Defs.token(
        id,
        "stripe-key",
        FAMILY,
        severity,
        0.97,
        Set.of(prefix),
        prefix + "[A-Za-z0-9]{24,247}+",
        v -> !STRIPE_DOC_KEYS.contains(v) && Values.plausible(v.substring(8), 3.8));
  }

  /** Shopify tokens: prefix then 32 hexadecimal characters. */
  private static Detector shopify(String id, String prefix) {
    return Defs.token(
        id,
        "shopify-token",
        FAMILY,
        Severity.CRITICAL,
        0.95,
        Set.of(prefix),
        prefix + "[a-fA-F0-9]{32}",
        v -> Values.plausible(v.substring(6), 3.0));
  }
}
