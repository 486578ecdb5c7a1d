package dev.tether.core.bundle;

import dev.tether.core.bundle.BundleVerificationException.Reason;
import java.security.SignatureException;
import java.time.Instant;

/**
 * The signature check shared by bundles and signed server time: at least one signature must be by a
 * signing key the trusted root delegates, not revoked, valid at {@code at}, and verify. When none
 * does, the most telling failure is reported (revoked, then expired, then bad signature, then
 * unknown key).
 */
final class DelegatedSignature {
  private DelegatedSignature() {}

  static RootMetadata.SigningKey require(
      SignedBundle envelope, byte[] body, TrustedRoot root, Instant at, String what)
      throws BundleVerificationException {
    byte[] message = Pae.encode(envelope.payloadType(), body);
    RootMetadata metadata = root.metadata();
    BundleVerificationException worst = null;
    for (SignedBundle.Signature signature : envelope.signatures()) {
      BundleVerificationException failure;
      String keyId = signature == null ? null : signature.keyId();
      if (keyId == null) {
        failure =
            new BundleVerificationException(Reason.UNKNOWN_KEY, what + " signature without key id");
      } else if (metadata.isRevoked(keyId)) {
        failure =
            new BundleVerificationException(
                Reason.REVOKED_KEY,
                what + " signed by key " + keyId + ", revoked in root version " + root.version());
      } else if (metadata.signingKey(keyId).isEmpty()) {
        failure =
            new BundleVerificationException(
                Reason.UNKNOWN_KEY,
                what
                    + " signed by key "
                    + keyId
                    + ", not delegated by root version "
                    + root.version());
      } else {
        RootMetadata.SigningKey key = metadata.signingKey(keyId).get();
        if (!key.isValidAt(at)) {
          failure =
              new BundleVerificationException(
                  Reason.EXPIRED_KEY,
                  what
                      + " signed by key "
                      + keyId
                      + ", valid "
                      + key.notBefore()
                      + " to "
                      + key.notAfter()
                      + " (now "
                      + at
                      + ")");
        } else {
          try {
            key.key().verify(message, Envelopes.decodeBase64(signature.sig(), what + " signature"));
            return key;
          } catch (SignatureException e) {
            failure =
                new BundleVerificationException(Reason.SIGNATURE, what + " " + e.getMessage());
          } catch (BundleVerificationException e) {
            failure = new BundleVerificationException(Reason.SIGNATURE, e.getMessage());
          }
        }
      }
      if (worst == null || rank(failure.reason()) < rank(worst.reason())) {
        worst = failure;
      }
    }
    throw worst != null
        ? worst
        : new BundleVerificationException(Reason.SIGNATURE, what + " has no signatures");
  }

  private static int rank(Reason reason) {
    return switch (reason) {
      case REVOKED_KEY -> 0;
      case EXPIRED_KEY -> 1;
      case SIGNATURE -> 2;
      default -> 3;
    };
  }
}
