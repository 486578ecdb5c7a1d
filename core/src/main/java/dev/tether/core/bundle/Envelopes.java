package dev.tether.core.bundle;

import dev.tether.core.bundle.BundleVerificationException.Reason;
import dev.tether.core.crypto.Ed25519KeyPair;
import dev.tether.core.json.JsonCodec;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DSSE-style envelopes shared by bundles, root metadata and signed server time: sealing with one or
 * more keys (signatures sorted by key id, so the same content and keys give the same bytes) and the
 * bounded opening steps every verifier repeats.
 */
final class Envelopes {
  private Envelopes() {}

  static SignedBundle seal(String payloadType, byte[] body, Collection<Ed25519KeyPair> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("envelope: expected at least one signing key, got none");
    }
    byte[] signed = Pae.encode(payloadType, body);
    Map<String, Ed25519KeyPair> byId = new LinkedHashMap<>();
    keys.stream()
        .sorted(Comparator.comparing(k -> k.publicKey().keyId()))
        .forEach(k -> byId.putIfAbsent(k.publicKey().keyId(), k));
    return new SignedBundle(
        payloadType,
        Base64.getEncoder().encodeToString(body),
        byId.values().stream()
            .map(
                k ->
                    new SignedBundle.Signature(
                        k.publicKey().keyId(), Base64.getEncoder().encodeToString(k.sign(signed))))
            .toList());
  }

  /** Parses envelope bytes after the size check. */
  static SignedBundle parse(byte[] bytes, int maxBytes, String what)
      throws BundleVerificationException {
    if (bytes == null || bytes.length == 0) {
      throw new BundleVerificationException(Reason.MALFORMED, what + " is empty");
    }
    if (bytes.length > maxBytes) {
      throw new BundleVerificationException(
          Reason.TOO_LARGE,
          what + " of " + bytes.length + " bytes exceeds the limit of " + maxBytes);
    }
    return read(bytes, SignedBundle.class, what + " envelope");
  }

  /** The payload bytes, after checking type, presence of signatures and the size limit. */
  static byte[] body(SignedBundle envelope, String payloadType, int maxBody, String what)
      throws BundleVerificationException {
    if (envelope == null) {
      throw new BundleVerificationException(Reason.MALFORMED, what + " missing");
    }
    if (!payloadType.equals(envelope.payloadType())) {
      throw new BundleVerificationException(
          Reason.MALFORMED,
          what
              + " payloadType: expected \""
              + payloadType
              + "\", got \""
              + envelope.payloadType()
              + "\"");
    }
    if (envelope.payload() == null) {
      throw new BundleVerificationException(Reason.MALFORMED, what + " payload missing");
    }
    // Base64 is 4/3 of the body: reject before decoding anything oversized.
    if ((long) envelope.payload().length() * 3 / 4 > maxBody + 3L) {
      throw new BundleVerificationException(
          Reason.TOO_LARGE, what + " payload exceeds the limit of " + maxBody + " bytes");
    }
    if (envelope.signatures().isEmpty()) {
      throw new BundleVerificationException(Reason.SIGNATURE, what + " has no signatures");
    }
    return decodeBase64(envelope.payload(), what + " payload");
  }

  static byte[] decodeBase64(String value, String what) throws BundleVerificationException {
    if (value == null) {
      throw new BundleVerificationException(Reason.MALFORMED, what + " missing");
    }
    try {
      return Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw new BundleVerificationException(Reason.MALFORMED, what + " is not Base64", e);
    }
  }

  static <T> T read(byte[] json, Class<T> type, String what) throws BundleVerificationException {
    try {
      return JsonCodec.read(json, type);
    } catch (IllegalArgumentException e) {
      throw new BundleVerificationException(
          Reason.MALFORMED, what + " malformed: " + e.getMessage(), e);
    }
  }
}
