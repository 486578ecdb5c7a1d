package dev.tether.server.policy;

import java.time.Instant;
import java.util.List;

/**
 * A tenant's keys as shown to admins: public parts and where they stand, never private material.
 *
 * @param rootVersion current root metadata version
 * @param rootFingerprint what MDM profiles pin ({@code RootMetadata.fingerprint()})
 * @param rootThreshold signatures a new root version needs
 * @param rootKeys root keys and whether their file is present on this server
 * @param signingKeys delegated signing keys
 * @param revokedKeyIds revoked signing keys
 */
public record KeyRing(
    String tenant,
    long rootVersion,
    String rootFingerprint,
    int rootThreshold,
    List<RootKeyView> rootKeys,
    List<SigningKeyView> signingKeys,
    List<String> revokedKeyIds) {

  /** A root key; {@code present} false when its file was taken offline. */
  public record RootKeyView(String keyId, String publicKey, boolean present) {}

  /** A signing key; {@code current} marks the one signing now. */
  public record SigningKeyView(
      String keyId,
      String publicKey,
      Instant notBefore,
      Instant notAfter,
      boolean current,
      boolean present) {}
}
