package dev.tether.server.policy;

import dev.tether.core.bundle.Identifiers;
import dev.tether.core.crypto.Ed25519KeyPair;
import dev.tether.core.crypto.SecretBytes;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-tenant Ed25519 signing keys, stored as raw 32-byte seeds in {@code <data
 * dir>/keys/<tenant>.ed25519} (owner-only), never in the database. Keys are cached after first
 * load.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class TenantKeys {
  private static final System.Logger LOG = System.getLogger(TenantKeys.class.getName());

  private final Map<String, Ed25519KeyPair> cache = new ConcurrentHashMap<>();

  /**
   * Makes sure {@code tenant} has a signing key, creating one if its file does not exist (an
   * existing file is kept, so devices that pinned it keep trusting new bundles).
   */
  public Ed25519KeyPair ensure(String tenant) {
    Path file = file(tenant);
    if (!Files.exists(file)) {
      Ed25519KeyPair generated = Ed25519KeyPair.generate();
      byte[] seed = generated.seed().revealCopy();
      try {
        if (ServerDataDir.writeSecretIfAbsent(file, seed)) {
          LOG.log(
              Level.INFO,
              "created signing key {0} for tenant {1}",
              generated.publicKey().keyId(),
              tenant);
        }
      } finally {
        Arrays.fill(seed, (byte) 0);
      }
    }
    return load(tenant);
  }

  /** The tenant's signing key. */
  public Ed25519KeyPair load(String tenant) {
    return cache.computeIfAbsent(
        tenant,
        t -> {
          byte[] seed = ServerDataDir.readSecret(file(t));
          try {
            return Ed25519KeyPair.fromSeed(SecretBytes.copyOf(seed));
          } finally {
            Arrays.fill(seed, (byte) 0);
          }
        });
  }

  private static Path file(String tenant) {
    Identifiers.require("tenant", tenant);
    return ServerDataDir.resolve().resolve("keys").resolve(tenant + ".ed25519");
  }
}
