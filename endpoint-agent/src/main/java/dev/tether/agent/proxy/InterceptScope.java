package dev.tether.agent.proxy;

import dev.tether.core.policy.AiDestination;
import dev.tether.core.policy.KnownAiDestinations;
import dev.tether.core.policy.PolicyDocument;
import dev.tether.core.policy.Provider;
import dev.tether.core.policy.ProxySettings;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Scope before decryption: which connections are intercepted. A host is an AI destination if the
 * active policy (verified, even if expired) lists it or the built-in catalogue knows it, so that
 * with no policy at all the known AI hosts are still caught (and blocked).
 *
 * <p>{@link #decide} in order: an AI destination is intercepted (the bypass list cannot exempt it);
 * a bypass host is tunnelled byte for byte; with {@code inspectAll} everything else is intercepted
 * as an unlisted host; otherwise it is tunnelled. A connection with no name at all (no SNI,
 * IP-literal destination) is never tunnelled for lack of a name: see {@link #decideUnnamed}.
 */
public interface InterceptScope {
  /** The AI destination for {@code host}, or empty if it is not one. */
  Optional<AiDestination> destination(String host);

  /** The proxy settings of the active policy ({@link ProxySettings#DEFAULT} without one). */
  default ProxySettings settings() {
    return ProxySettings.DEFAULT;
  }

  /** What to do with a connection whose server name is {@code host} (lowercase). */
  sealed interface Scope permits Intercept, Tunnel {}

  /**
   * Decrypt and inspect.
   *
   * @param provider the provider whose error format answers refusals
   * @param listed true for a policy or catalogue AI destination; false for an unlisted host
   *     intercepted by {@code inspectAll} or for lack of a name (its requests are checked for AI
   *     shape and an AI-shaped one is denied as an unrecognised AI endpoint)
   */
  record Intercept(Provider provider, boolean listed) implements Scope {}

  /** Relay byte for byte, never decrypted. */
  record Tunnel(String reason) implements Scope {}

  /** The scope for a named server. */
  default Scope decide(String host) {
    Optional<AiDestination> ai = destination(host);
    if (ai.isPresent()) {
      return new Intercept(ai.get().provider(), true);
    }
    ProxySettings settings = settings();
    if (settings.isBypassed(host)) {
      return new Tunnel("bypass");
    }
    return settings.inspectAll() ? new Intercept(Provider.GENERIC, false) : new Tunnel("not_ai");
  }

  /**
   * The scope for a TLS connection that names no server (no SNI and an IP-literal destination):
   * decrypted as an unlisted host, never waved through because a field is missing.
   */
  default Scope decideUnnamed() {
    return new Intercept(Provider.GENERIC, false);
  }

  /** Policy destinations first, then the built-in catalogue; settings from the policy. */
  static InterceptScope of(Supplier<Optional<PolicyDocument>> policy) {
    return new InterceptScope() {
      @Override
      public Optional<AiDestination> destination(String host) {
        Optional<AiDestination> fromPolicy = policy.get().flatMap(p -> p.aiDestinationFor(host));
        return fromPolicy.isPresent() ? fromPolicy : KnownAiDestinations.lookup(host);
      }

      @Override
      public ProxySettings settings() {
        return policy.get().map(PolicyDocument::proxy).orElse(ProxySettings.DEFAULT);
      }
    };
  }
}
