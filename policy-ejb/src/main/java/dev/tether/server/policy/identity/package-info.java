/**
 * Who may do what in the admin API: the principal model ({@link
 * dev.tether.server.policy.identity.AdminPrincipal} with {@link
 * dev.tether.server.policy.identity.RoleGrant}s), the one authorisation entry point ({@link
 * dev.tether.server.policy.identity.AdminAccess#require}), local accounts (Argon2id password
 * hashes, password policy, lockout), server-side sessions, API tokens and the append-only admin
 * action log.
 *
 * <p>Guarantees: secrets (passwords, session ids, API tokens) are stored only as hashes and never
 * logged; every check fails closed (no principal, an unknown role or a malformed grant denies).
 * Pure policy classes ({@code PasswordHasher}, {@code PasswordPolicy}, {@code LoginThrottle},
 * {@code SessionTimeouts}) take a {@link java.time.Clock} and are tested without a container.
 *
 * <p>Must not depend on JAX-RS or on the web module.
 */
package dev.tether.server.policy.identity;
