/**
 * X.509 for the proxy: the device CA (generation and loading), leaf certificates minted per host
 * into a bounded cache, and the upstream trust store (JDK defaults plus enterprise CAs). Must not
 * depend on {@code proxy} or {@code pipeline}.
 */
package dev.tether.agent.tls;
