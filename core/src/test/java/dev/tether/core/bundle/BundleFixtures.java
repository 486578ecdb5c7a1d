package dev.tether.core.bundle;

import dev.tether.core.policy.AiDestination;
import dev.tether.core.policy.PolicyDocument;
import dev.tether.core.policy.Provider;
import dev.tether.core.policy.ResponseMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Policies and payloads shared by the bundle tests. */
final class BundleFixtures {
  static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
  static final PolicyScope SCOPE = new PolicyScope("acme", "engineering");

  private BundleFixtures() {}

  static PolicyDocument policy() {
    return new PolicyDocument(
        "Engineering default",
        List.of(new AiDestination("api.openai.com", Provider.OPENAI)),
        List.of("api.deepseek.com"),
        Map.of("cloud-credentials", ResponseMode.BLOCK),
        ResponseMode.ALLOW,
        "P7D");
  }

  static BundlePayload payload(PolicyScope scope, long version) {
    return BundlePayload.create(
        scope, version, NOW.minus(Duration.ofMinutes(1)), NOW.plus(Duration.ofDays(7)), policy());
  }
}
