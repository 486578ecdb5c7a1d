/**
 * The explicit HTTPS proxy on Netty: CONNECT scoping (intercept AI hosts, blind-tunnel everything
 * else), TLS termination with minted leaves, strict HTTP/1.1 parsing, verified upstream TLS,
 * streaming relay. Calls {@code enforce} for every intercepted request; never decides by itself and
 * never forwards an AI request without an Allow.
 */
package dev.tether.agent.proxy;
