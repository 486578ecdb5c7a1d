/**
 * The tamper-evident audit log: RFC 6962 Merkle tree hashing, inclusion and consistency proofs
 * (generation and verification), C2SP checkpoints in C2SP signed-note form, and the offline
 * verifier of an exported event set. Pure Java; must not depend on {@code jakarta.*} or on any
 * server or agent package. Verifiers throw {@link
 * dev.tether.core.audit.log.LogVerificationException}; none returns a boolean.
 */
package dev.tether.core.audit.log;
