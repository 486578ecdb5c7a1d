/** Test support: the privileged-test gate and network namespaces created by the tests. */
package dev.tether.nativehooks.testsupport;
