package dev.tether.core.crypto;

import java.security.SecureRandom;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * An Ed25519 signing key: the 32-byte private seed (secret) and its public key.
 *
 * <p>Create with {@link #generate()} or {@link #fromSeed(SecretBytes)}; the seed is what gets
 * stored (with restrictive file permissions), the public key is derived.
 */
public final class Ed25519KeyPair {
  /** Length of an Ed25519 private seed and of a public key, in bytes. */
  public static final int KEY_LENGTH = 32;

  private final SecretBytes seed;
  private final Ed25519PublicKey publicKey;

  private Ed25519KeyPair(SecretBytes seed, Ed25519PublicKey publicKey) {
    this.seed = seed;
    this.publicKey = publicKey;
  }

  /** Generates a fresh key pair from a {@link SecureRandom}. */
  public static Ed25519KeyPair generate() {
    Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(new SecureRandom());
    return fromSeed(SecretBytes.copyOf(key.getEncoded()));
  }

  /**
   * Rebuilds a key pair from its stored seed.
   *
   * @throws IllegalArgumentException if the seed is not exactly {@value #KEY_LENGTH} bytes
   */
  public static Ed25519KeyPair fromSeed(SecretBytes seed) {
    if (seed.length() != KEY_LENGTH) {
      throw new IllegalArgumentException(
          "ed25519 seed: expected " + KEY_LENGTH + " bytes, got " + seed.length());
    }
    Ed25519PrivateKeyParameters key = new Ed25519PrivateKeyParameters(seed.revealCopy(), 0);
    return new Ed25519KeyPair(seed, Ed25519PublicKey.fromRaw(key.generatePublicKey().getEncoded()));
  }

  /** The private seed, for storage only. */
  public SecretBytes seed() {
    return seed;
  }

  public Ed25519PublicKey publicKey() {
    return publicKey;
  }

  /** Signs {@code message}, returning the 64-byte Ed25519 signature. */
  public byte[] sign(byte[] message) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, new Ed25519PrivateKeyParameters(seed.revealCopy(), 0));
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  @Override
  public String toString() {
    return "Ed25519KeyPair[keyId=" + publicKey.keyId() + ", seed masked]";
  }

  /** Used by {@link Ed25519PublicKey#verify}; kept here beside the signer. */
  static boolean check(byte[] publicKey, byte[] message, byte[] signature) {
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
    verifier.update(message, 0, message.length);
    return verifier.verifySignature(signature);
  }
}
