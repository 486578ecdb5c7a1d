/**
 * The signed policy bundle: the envelope that travels from server to agent, how the server signs it
 * ({@link dev.tether.core.bundle.BundleSigner}) and how the agent verifies it ({@link
 * dev.tether.core.bundle.BundleVerifier}).
 *
 * <p>Envelope (JSON): {@code {"payloadType": ..., "payload": base64(canonical JSON of
 * BundlePayload), "signatures": [{"keyId": ..., "sig": base64}]}}. Signatures cover the DSSE
 * pre-authentication encoding of payload type and payload bytes, so the signed bytes are exactly
 * the bytes that are parsed after verification: no re-canonicalisation on the verifying side.
 *
 * <p>A payload is used only after signature, scope (tenant and group), version (strictly greater
 * than the last accepted) and freshness (not expired, not issued in the future) all check out.
 */
package dev.tether.core.bundle;
