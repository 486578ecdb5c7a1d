/**
 * The OS-level redirect behind one interface, {@link dev.tether.nativehooks.TrafficRedirect}: one
 * implementation per operating system (nftables on Linux, pf on macOS, WFP on Windows) through JNA,
 * chosen at start-up. Everything above this package is OS-agnostic.
 *
 * <p>Status: the interface and its specification exist; the per-OS implementations arrive with the
 * OS-level intercept issue. Until then the agent runs as an explicit proxy only.
 *
 * <p>Must not depend on the agent, the server modules or any policy logic.
 */
package dev.tether.nativehooks;
