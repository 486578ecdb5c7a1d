package dev.tether.agent.proxy;

import dev.tether.core.policy.AiDestination;
import dev.tether.core.policy.KnownAiDestinations;
import dev.tether.core.policy.PolicyDocument;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Scope before decryption: which CONNECT hosts are intercepted. A host is intercepted if the active
 * policy (verified, even if expired) lists it as an AI destination, or the built-in catalogue knows
 * it, so that with no policy at all the known AI hosts are still caught (and blocked). Everything
 * else is tunnelled blind.
 */
public interface InterceptScope {
  /** The AI destination for {@code host}, or empty to tunnel untouched. */
  Optional<AiDestination> destination(String host);

  /** Policy destinations first, then the built-in catalogue. */
  static InterceptScope of(Supplier<Optional<PolicyDocument>> policy) {
    return host -> {
      Optional<AiDestination> fromPolicy = policy.get().flatMap(p -> p.aiDestinationFor(host));
      return fromPolicy.isPresent() ? fromPolicy : KnownAiDestinations.lookup(host);
    };
  }
}
