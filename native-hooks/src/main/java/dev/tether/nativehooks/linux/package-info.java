/**
 * Linux: the nftables redirect through libnftables (JNA), {@code SO_ORIGINAL_DST}, {@code SO_MARK},
 * and process attribution through {@code NETLINK_SOCK_DIAG} plus a bounded {@code /proc} scan.
 * Verified on Debian 12 (nft 1.0.6) as root in network namespaces (the bypass suite).
 *
 * <p>Must not depend on the agent or on other OS packages.
 */
package dev.tether.nativehooks.linux;
