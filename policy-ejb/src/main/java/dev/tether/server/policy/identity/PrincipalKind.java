package dev.tether.server.policy.identity;

/** How an admin principal authenticated. */
public enum PrincipalKind {
  /** A local account (username and password), via a session cookie. */
  LOCAL,
  /** A single sign-on user (OpenID Connect), via a session cookie. */
  OIDC,
  /** An API token ({@code Authorization: Bearer tth_...}). */
  API_TOKEN,
  /** The bootstrap admin token from the data directory: super-admin, for setup and automation. */
  BOOTSTRAP
}
