/**
 * macOS: pf anchor rules ({@code rdr} on lo0 with {@code route-to} for outbound), loaded with
 * {@code pfctl}, and the {@code DIOCNATLOOK} structure for the original destination. Compiled and
 * unit-tested on Linux only; not yet run on macOS.
 *
 * <p>Must not depend on the agent or on other OS packages.
 */
package dev.tether.nativehooks.pf;
