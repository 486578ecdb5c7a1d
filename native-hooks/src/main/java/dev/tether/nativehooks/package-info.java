/**
 * The OS-level intercept behind small interfaces: {@link dev.tether.nativehooks.TrafficRedirect}
 * (install/remove the redirect), {@link dev.tether.nativehooks.OriginalDestinations}, {@link
 * dev.tether.nativehooks.SocketMarks} and {@link dev.tether.nativehooks.ProcessAttribution}; one
 * implementation per operating system, chosen at start-up by {@link
 * dev.tether.nativehooks.NativeHooks#forCurrentOs}. Everything above this package is OS-agnostic.
 *
 * <p>Status: Linux (nftables) is implemented and verified as root in network namespaces; macOS (pf)
 * rule generation and structure layouts are unit-tested but not run on macOS; Windows (WFP) is a
 * documented design with its structure layouts (see the module README).
 *
 * <p>Must not depend on the agent, the server modules or any policy logic.
 */
package dev.tether.nativehooks;
