/**
 * OpenID Connect single sign-on for the admin console: an authorization-code client with PKCE
 * (S256), {@code state} and {@code nonce}, built on Nimbus JOSE+JWT. The ID token is verified
 * (signature through the provider's JWKS, allowed asymmetric algorithms only; exact {@code iss};
 * {@code aud} contains the client id and {@code azp} names it when there are several audiences;
 * {@code exp}/{@code iat} with bounded skew; {@code nonce}); its claims are mapped to {@link
 * dev.tether.server.policy.identity.AdminPrincipal} grants by the deployment's mapping and a
 * session is opened with {@link dev.tether.server.policy.identity.AdminSessions}, exactly as a
 * local login does. A user whose claims map to no role is refused (no role-less sessions).
 *
 * <p>Why not Jakarta Security's {@code @OpenIdAuthenticationMechanismDefinition}: Jakarta Security
 * 3.0 (Payara 6) allows one {@code HttpAuthenticationMechanism} per application and it would run on
 * every request, in front of the local login, API tokens, the bootstrap token and the device
 * credentials that share this application; its configuration is also fixed at deployment, while
 * here an operator changes the provider (and rotates the client secret) in the data directory
 * without redeploying. Payara's own OIDC support builds on the same mechanism.
 *
 * <p>Configuration: {@link OidcSettings}. The client secret is never logged, echoed or stored
 * outside its file or environment variable. Must not use JPA; depends on the identity services of
 * {@code dev.tether.server.policy.identity} only through their public API.
 */
package dev.tether.server.web.oidc;
