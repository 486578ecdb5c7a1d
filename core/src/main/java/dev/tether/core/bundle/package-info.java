/**
 * The policy trust chain: root metadata, signed bundles, signed server time, and their verifiers.
 * Pure Java; never imports {@code jakarta.*}.
 *
 * <h2>Trust model (after The Update Framework's root and delegation rules)</h2>
 *
 * <ul>
 *   <li><b>Root</b> ({@link dev.tether.core.bundle.RootMetadata}): per tenant, versioned. Lists n
 *       Ed25519 root keys with a threshold k, the online <b>signing keys</b> the root delegates to
 *       (each with notBefore/notAfter) and revoked key ids. Signed by at least k root keys. A
 *       device pins a root at enrollment ({@link dev.tether.core.bundle.RootVerifier#trust}),
 *       optionally checked against a fingerprint from its install configuration.
 *   <li><b>Rotation</b> N to N+1 (new root keys, a new or revoked signing key): accepted only when
 *       signed by k of N's root keys and k' of N+1's, version exactly +1, same tenant ({@link
 *       dev.tether.core.bundle.RootVerifier#update}); walks are bounded in length and size.
 *   <li><b>Bundle</b> ({@link dev.tether.core.bundle.BundlePayload}): binds tenant, group,
 *       optionally device, a strictly increasing version, issuedAt, expiresAt and the SHA-256 and
 *       size of the canonical policy JSON; signed by one delegated signing key. Envelope capped at
 *       {@link dev.tether.core.bundle.SignedBundle#MAX_ENVELOPE_BYTES}.
 *   <li><b>Server time</b> ({@link dev.tether.core.bundle.ServerTime}): signed by a signing key,
 *       used by devices as a clock floor.
 *   <li><b>Agent release</b> ({@link dev.tether.core.bundle.AgentRelease}): metadata of one agent
 *       package for one platform (semantic version, release counter, artifact name, size and
 *       SHA-256, minimum version it updates from, expiry), signed by a delegated signing key and
 *       checked by {@link dev.tether.core.bundle.AgentReleaseVerifier}: no downgrade, no replay of
 *       an older record, no other tenant's or platform's release.
 * </ul>
 *
 * <p>Envelope (JSON, DSSE layout): {@code {"payloadType": ..., "payload": base64(canonical JSON),
 * "signatures": [{"keyId": ..., "sig": base64}]}}. Signatures cover the DSSE pre-authentication
 * encoding of payload type and payload bytes, so the signed bytes are exactly the bytes parsed
 * after verification, and one envelope type cannot be passed off as another. Canonical JSON comes
 * from {@link dev.tether.core.json.JsonCodec} (sorted keys, no nulls), so signing the same content
 * with the same keys gives the same bytes.
 *
 * <p>Every verifier throws {@link dev.tether.core.bundle.BundleVerificationException} with a {@link
 * dev.tether.core.bundle.BundleVerificationException.Reason}; none returns a boolean.
 */
package dev.tether.core.bundle;
