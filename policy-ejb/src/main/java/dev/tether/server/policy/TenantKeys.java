package dev.tether.server.policy;

import dev.tether.core.bundle.Identifiers;
import dev.tether.core.crypto.Ed25519KeyPair;
import dev.tether.core.crypto.SecretBytes;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Where a tenant's private keys live: raw 32-byte Ed25519 seeds in owner-only (0600) files under
 * {@code <data dir>/keys/<tenant>/} (directories 0700), never in the database and never logged.
 *
 * <ul>
 *   <li>{@code root/<keyId>.ed25519}: <b>root keys</b>, offline-capable. Read from disk only for
 *       the operation that needs them (signing a new root version) and never cached, so an admin
 *       may keep them on removable media mounted only for key ceremonies; an operation needing more
 *       root keys than are present fails with CONFLICT naming the directory.
 *   <li>{@code signing/<keyId>.ed25519}: <b>online signing keys</b> (bundles, server time), cached
 *       in memory after first use.
 * </ul>
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class TenantKeys {
  private static final System.Logger LOG = System.getLogger(TenantKeys.class.getName());
  private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{32}");

  /** The two kinds of key file. */
  public enum Role {
    ROOT("root"),
    SIGNING("signing");

    final String dir;

    Role(String dir) {
      this.dir = dir;
    }
  }

  private final Map<String, Ed25519KeyPair> signingCache = new ConcurrentHashMap<>();

  /** Generates a key and writes its seed to a new owner-only file. */
  public Ed25519KeyPair generate(String tenant, Role role) {
    Ed25519KeyPair key = Ed25519KeyPair.generate();
    byte[] seed = key.seed().revealCopy();
    try {
      if (!ServerDataDir.writeSecretIfAbsent(file(tenant, role, key.publicKey().keyId()), seed)) {
        throw new IllegalStateException("key file already exists: " + key.publicKey().keyId());
      }
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
    LOG.log(
        Level.INFO,
        "created {0} key {1} for tenant {2}",
        role.dir,
        key.publicKey().keyId(),
        tenant);
    return key;
  }

  /** The key if its file is present (root keys: read now, not cached). */
  public Optional<Ed25519KeyPair> find(String tenant, Role role, String keyId) {
    if (keyId == null || !KEY_ID.matcher(keyId).matches()) {
      return Optional.empty();
    }
    if (role == Role.SIGNING) {
      Ed25519KeyPair cached = signingCache.get(tenant + "/" + keyId);
      if (cached != null) {
        return Optional.of(cached);
      }
    }
    Path file = file(tenant, role, keyId);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    byte[] seed = ServerDataDir.readSecret(file);
    try {
      Ed25519KeyPair key = Ed25519KeyPair.fromSeed(SecretBytes.copyOf(seed));
      if (!key.publicKey().keyId().equals(keyId)) {
        throw new IllegalStateException(
            "key file " + file + " holds key " + key.publicKey().keyId());
      }
      if (role == Role.SIGNING) {
        signingCache.put(tenant + "/" + keyId, key);
      }
      return Optional.of(key);
    } finally {
      Arrays.fill(seed, (byte) 0);
    }
  }

  /** True if the key's file is present. */
  public boolean present(String tenant, Role role, String keyId) {
    return keyId != null
        && KEY_ID.matcher(keyId).matches()
        && Files.isRegularFile(file(tenant, role, keyId));
  }

  /** Overwrites and deletes the key's file (revoked signing keys, retired root keys). */
  public void destroy(String tenant, Role role, String keyId) {
    signingCache.remove(tenant + "/" + keyId);
    Path file = file(tenant, role, keyId);
    try {
      if (Files.isRegularFile(file)) {
        Files.write(file, new byte[Ed25519KeyPair.KEY_LENGTH]);
        Files.delete(file);
        LOG.log(Level.INFO, "destroyed {0} key {1} of tenant {2}", role.dir, keyId, tenant);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot destroy key file " + file, e);
    }
  }

  /** The directory holding the tenant's keys of {@code role}. */
  public Path directory(String tenant, Role role) {
    Identifiers.require("tenant", tenant);
    return ServerDataDir.resolve().resolve("keys").resolve(tenant).resolve(role.dir);
  }

  private Path file(String tenant, Role role, String keyId) {
    return directory(tenant, role).resolve(keyId + ".ed25519");
  }
}
