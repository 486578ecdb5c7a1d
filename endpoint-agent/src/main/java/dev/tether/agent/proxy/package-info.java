/**
 * The explicit HTTPS proxy on Netty: CONNECT scoping (intercept AI hosts, blind-tunnel everything
 * else), TLS termination with minted leaves, strict HTTP/1.1 parsing, verified upstream TLS (ALPN
 * h2/http1.1; HTTP/2 upstreams shared through a bounded stream pool), streaming relay with
 * trailers. Calls {@code enforce} for every intercepted request; never decides by itself and never
 * forwards an AI request without an Allow.
 */
package dev.tether.agent.proxy;
