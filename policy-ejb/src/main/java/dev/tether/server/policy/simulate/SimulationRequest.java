package dev.tether.server.policy.simulate;

import dev.tether.core.policy.PolicyDocument;
import dev.tether.core.policy.Provider;

/**
 * One simulation: what a developer's tool would send, and where.
 *
 * @param payload the request body or prompt text as the tool would send it (JSON or plain text), at
 *     most {@link #MAX_PAYLOAD_CHARS} characters
 * @param destination the host the request goes to, e.g. {@code api.openai.com}
 * @param app the sending app as the agent attributes it (an executable path such as {@code
 *     /usr/bin/curl}, or a name such as {@code code}); absent: unknown
 * @param provider the API dialect of the error the developer would see ({@link Provider} name, any
 *     case: {@code openai}, {@code anthropic}, {@code gemini}, ...); absent: the provider the
 *     policy's catalogue names for the destination
 * @param policy the policy to simulate (e.g. an unsaved draft); absent: the group's saved draft,
 *     else its newest published version
 */
public record SimulationRequest(
    String payload, String destination, String app, String provider, PolicyDocument policy) {
  /** Longest payload simulated (larger: 413). */
  public static final int MAX_PAYLOAD_CHARS = 256 * 1024;

  /** Longest app string. */
  public static final int MAX_APP_CHARS = 1024;

  public SimulationRequest {
    if (payload == null) {
      throw new IllegalArgumentException("simulate.payload: required");
    }
    if (destination == null || destination.isBlank()) {
      throw new IllegalArgumentException("simulate.destination: required, e.g. api.openai.com");
    }
    destination = destination.trim().toLowerCase(java.util.Locale.ROOT);
    if (destination.length() > 253
        || !destination.matches("[a-z0-9]([a-z0-9-]{0,62})(\\.[a-z0-9]([a-z0-9-]{0,62}))*")) {
      throw new IllegalArgumentException(
          "simulate.destination: expected a host name, got \""
              + (destination.length() > 80 ? destination.substring(0, 80) + "…" : destination)
              + "\"");
    }
    if (provider != null) {
      String upper = provider.strip().toUpperCase(java.util.Locale.ROOT);
      try {
        provider = Provider.valueOf(upper).name();
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "simulate.provider: expected one of "
                + java.util.Arrays.toString(Provider.values())
                + ", got \""
                + (upper.length() > 40 ? upper.substring(0, 40) + "…" : upper)
                + "\"");
      }
    }
    app = app == null || app.isBlank() ? null : app.strip();
    if (app != null && (app.length() > MAX_APP_CHARS || app.chars().anyMatch(c -> c < 0x20))) {
      throw new IllegalArgumentException(
          "simulate.app: expected an executable path or name of at most "
              + MAX_APP_CHARS
              + " characters without control characters");
    }
  }

  /** True when the payload is over {@link #MAX_PAYLOAD_CHARS} (the resource answers 413). */
  public boolean payloadTooLarge() {
    return payload.length() > MAX_PAYLOAD_CHARS;
  }

  @Override
  public String toString() {
    return "SimulationRequest[destination="
        + destination
        + ", app="
        + app
        + ", payload="
        + payload.length()
        + " chars]";
  }
}
