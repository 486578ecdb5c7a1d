/**
 * The policy client: the active verified policy (swapped whole through an {@code AtomicReference}),
 * the on-disk last-known-good cache re-verified on every load, polling and heartbeat. Must not
 * depend on {@code proxy} or {@code pipeline}; nothing here ever applies an unverified bundle.
 */
package dev.tether.agent.policy;
