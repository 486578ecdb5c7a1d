/**
 * The policy side of the Tether server: tenants, device groups, enrollment tokens, devices, policy
 * drafts, per-tenant Ed25519 signing keys (kept on disk, outside the database) and signed,
 * versioned bundles with their distribution ETags.
 *
 * <p>Services ({@code *Service}, stateless EJBs) hold the logic and are the only public entry
 * points; repositories hide JPA (persistence unit {@value PolicyRepository#UNIT}); entities never
 * leave this package, callers get value records.
 *
 * <p>Must not depend on JAX-RS, on the web module or on the audit module. Uses {@code
 * dev.tether.core} for the policy model, signing and identifiers.
 */
package dev.tether.server.policy;
