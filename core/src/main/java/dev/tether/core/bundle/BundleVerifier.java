package dev.tether.core.bundle;

import dev.tether.core.crypto.Digests;
import dev.tether.core.crypto.Ed25519PublicKey;
import dev.tether.core.json.JsonCodec;
import java.security.SignatureException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies bundle envelopes for one device: its pinned {@link TrustRoot} and its {@link
 * PolicyScope}.
 *
 * <p>Checks, in order, each failing with {@link BundleVerificationException}: size, envelope
 * syntax, payload type, a signature by a pinned key that verifies, payload syntax and policy
 * validity, tenant and group scope, version (monotonic), freshness (issued not in the future beyond
 * {@link #MAX_CLOCK_SKEW}, not expired).
 */
public final class BundleVerifier {
  /** Tolerated difference between the server's and the device's clocks. */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

  private final TrustRoot trustRoot;
  private final PolicyScope scope;
  private final Clock clock;

  private BundleVerifier(TrustRoot trustRoot, PolicyScope scope, Clock clock) {
    this.trustRoot = trustRoot;
    this.scope = scope;
    this.clock = clock;
  }

  public static BundleVerifier create(TrustRoot trustRoot, PolicyScope scope, Clock clock) {
    return new BundleVerifier(
        Objects.requireNonNull(trustRoot, "trustRoot"),
        Objects.requireNonNull(scope, "scope"),
        Objects.requireNonNull(clock, "clock"));
  }

  /**
   * Verifies a newly downloaded bundle: its version must be strictly greater than {@code
   * lastAcceptedVersion} (0 when none was ever accepted).
   */
  public VerifiedBundle verifyUpdate(byte[] envelope, long lastAcceptedVersion)
      throws BundleVerificationException {
    VerifiedBundle bundle = verifyContent(envelope);
    if (bundle.version() <= lastAcceptedVersion) {
      throw new BundleVerificationException(
          "bundle version "
              + bundle.version()
              + " is not newer than the accepted version "
              + lastAcceptedVersion
              + " (rollback or replay)");
    }
    return bundle;
  }

  /**
   * Re-verifies the cached last-known-good bundle: its version must equal {@code acceptedVersion},
   * the version recorded when it was accepted.
   */
  public VerifiedBundle verifyCached(byte[] envelope, long acceptedVersion)
      throws BundleVerificationException {
    VerifiedBundle bundle = verifyContent(envelope);
    if (bundle.version() != acceptedVersion) {
      throw new BundleVerificationException(
          "cached bundle version mismatch (want "
              + acceptedVersion
              + ", got "
              + bundle.version()
              + ")");
    }
    return bundle;
  }

  private VerifiedBundle verifyContent(byte[] envelopeBytes) throws BundleVerificationException {
    if (envelopeBytes == null || envelopeBytes.length == 0) {
      throw new BundleVerificationException("bundle is empty");
    }
    if (envelopeBytes.length > SignedBundle.MAX_ENVELOPE_BYTES) {
      throw new BundleVerificationException(
          "bundle of "
              + envelopeBytes.length
              + " bytes exceeds the limit of "
              + SignedBundle.MAX_ENVELOPE_BYTES);
    }
    SignedBundle envelope = parse(envelopeBytes, SignedBundle.class, "envelope");
    if (!SignedBundle.PAYLOAD_TYPE.equals(envelope.payloadType())) {
      throw new BundleVerificationException(
          "bundle payloadType: expected \""
              + SignedBundle.PAYLOAD_TYPE
              + "\", got \""
              + envelope.payloadType()
              + "\"");
    }
    byte[] body = decodeBase64(envelope.payload(), "payload");
    requireTrustedSignature(envelope, body);
    BundlePayload payload = parse(body, BundlePayload.class, "payload");
    try {
      payload.policy().validated();
    } catch (IllegalArgumentException e) {
      throw new BundleVerificationException("bundle policy invalid: " + e.getMessage(), e);
    }
    if (!payload.scope().equals(scope)) {
      throw new BundleVerificationException(
          "bundle scope mismatch (want tenant="
              + scope.tenant()
              + " group="
              + scope.group()
              + ", got tenant="
              + payload.tenant()
              + " group="
              + payload.group()
              + ")");
    }
    Instant now = clock.instant();
    if (payload.issuedAt().isAfter(now.plus(MAX_CLOCK_SKEW))) {
      throw new BundleVerificationException(
          "bundle issued in the future (issuedAt " + payload.issuedAt() + ", now " + now + ")");
    }
    if (!now.isBefore(payload.expiresAt())) {
      throw new BundleVerificationException(
          "bundle version "
              + payload.version()
              + " expired at "
              + payload.expiresAt()
              + " (now "
              + now
              + ")");
    }
    return new VerifiedBundle(payload, Digests.sha256(envelopeBytes));
  }

  private void requireTrustedSignature(SignedBundle envelope, byte[] body)
      throws BundleVerificationException {
    if (envelope.signatures().isEmpty()) {
      throw new BundleVerificationException("bundle has no signatures");
    }
    byte[] signed = Pae.encode(envelope.payloadType(), body);
    StringBuilder failures = new StringBuilder();
    for (SignedBundle.Signature signature : envelope.signatures()) {
      Optional<Ed25519PublicKey> key =
          signature.keyId() == null ? Optional.empty() : trustRoot.find(signature.keyId());
      if (key.isEmpty()) {
        failures.append(" key ").append(signature.keyId()).append(" is not pinned;");
        continue;
      }
      try {
        key.get().verify(signed, decodeBase64(signature.sig(), "signature"));
        return;
      } catch (SignatureException e) {
        failures.append(' ').append(e.getMessage()).append(';');
      }
    }
    throw new BundleVerificationException("bundle signature rejected:" + failures);
  }

  private static <T> T parse(byte[] json, Class<T> type, String what)
      throws BundleVerificationException {
    try {
      return JsonCodec.read(json, type);
    } catch (IllegalArgumentException e) {
      throw new BundleVerificationException("bundle " + what + " malformed: " + e.getMessage(), e);
    }
  }

  private static byte[] decodeBase64(String value, String what) throws BundleVerificationException {
    if (value == null) {
      throw new BundleVerificationException("bundle " + what + " missing");
    }
    try {
      return Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw new BundleVerificationException("bundle " + what + " is not Base64", e);
    }
  }
}
