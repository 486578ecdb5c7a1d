/**
 * Enforcement: {@link dev.tether.agent.enforce.Enforcer} runs the pipeline, records its audit
 * events durably before releasing the decision, and carries out every response mode ({@link
 * dev.tether.agent.enforce.StandardModes}: Warn notifications, Coach and Request ledgers,
 * watermarking, redaction with streaming placeholder restore, provider-shaped errors). Fails
 * closed: anything thrown here becomes a block. The Coach and Request ledgers persist in the state
 * directory ({@code LedgerJournal}: HMAC-chained, append-only, fsynced, quarantined when they do
 * not verify, never granting from an entry that did not). Holds no payload beyond the request being
 * decided (Redact originals live in memory only for the response they restore). Must not depend on
 * Netty, {@code proxy} or {@code statuspage}.
 */
package dev.tether.agent.enforce;
