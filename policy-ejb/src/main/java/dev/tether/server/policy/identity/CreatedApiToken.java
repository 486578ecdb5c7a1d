package dev.tether.server.policy.identity;

/** A new API token: {@code token} ({@code tth_...}) is shown in this answer only. */
public record CreatedApiToken(String token, ApiTokenView details) {
  @Override
  public String toString() {
    return "CreatedApiToken[token=masked, details=" + details + "]";
  }
}
