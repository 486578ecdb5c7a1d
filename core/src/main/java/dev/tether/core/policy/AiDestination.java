package dev.tether.core.policy;

import java.util.Locale;
import java.util.Objects;

/**
 * A host that serves an AI API. {@code host} is an exact, lowercase DNS name or {@code *.suffix}
 * for every sub-domain of {@code suffix}.
 */
public record AiDestination(String host, Provider provider) {
  public AiDestination {
    host = HostPattern.normalize("aiDestinations.host", host);
    Objects.requireNonNull(provider, "aiDestinations.provider: required");
  }

  /** True if {@code candidateHost} (any case) is this destination. */
  public boolean matches(String candidateHost) {
    return HostPattern.matches(host, candidateHost.toLowerCase(Locale.ROOT));
  }
}
