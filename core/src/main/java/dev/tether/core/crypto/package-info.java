/**
 * Keys, signatures and digests. Ed25519 through BouncyCastle's lightweight API, so the same code
 * runs unchanged on the agent and inside any application server without provider registration.
 *
 * <p>Private key material is only ever held in {@link dev.tether.core.crypto.SecretBytes}, whose
 * {@code toString()} is masked. Verification throws; it never returns a boolean.
 */
package dev.tether.core.crypto;
