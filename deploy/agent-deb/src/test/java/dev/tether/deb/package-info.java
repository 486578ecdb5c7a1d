/**
 * Tests of the Linux package: {@link dev.tether.deb.DebianPackageIT} installs {@code
 * tether-agent.deb} into a debootstrapped Debian root filesystem ({@link
 * dev.tether.deb.DebianRootfs}) inside private mount and network namespaces and checks what the
 * package promises. Test code only; depends on nothing but the JDK, JUnit and the tools it runs
 * (debootstrap, unshare, nsenter, chroot).
 */
package dev.tether.deb;
