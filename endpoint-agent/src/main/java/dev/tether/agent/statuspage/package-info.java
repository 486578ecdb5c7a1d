/**
 * The local status page: a small HTTP server on loopback where the developer sees recent decisions
 * (host, mode, reason; never payload content), acknowledges a Coach with a justification, and
 * follows Request approvals. State-changing requests need a per-process CSRF token, a matching Host
 * (against DNS rebinding) and, when sent, a same-origin Origin / Sec-Fetch-Site. Depends on {@code
 * enforce} (the ledgers); nothing depends on it but the daemon.
 */
package dev.tether.agent.statuspage;
