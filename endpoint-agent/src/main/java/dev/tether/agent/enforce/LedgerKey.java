package dev.tether.agent.enforce;

import dev.tether.agent.config.AtomicFiles;
import dev.tether.core.crypto.SecretBytes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The per-device secret that authenticates the Coach and Request ledgers on disk ({@code
 * ledger/ledger.key}: {@value #LENGTH} random bytes, owner read/write only, created on first use).
 *
 * <p>What it protects against: another local user (or a process running as another user) who can
 * write a ledger file but cannot read this key cannot forge, alter, reorder or splice ledger
 * entries; any such edit fails verification and grants nothing. What it does not protect against:
 * anyone who can read this key, i.e. the agent's own user and root, can forge entries; and a copy
 * of an older, genuine ledger file put back in place (rollback) verifies, though every entry in it
 * is still bound by its own expiry and by the current policy's window.
 */
public final class LedgerKey {
  /** Key length in bytes (HMAC-SHA256). */
  public static final int LENGTH = 32;

  private static final String ALGORITHM = "HmacSHA256";

  private final SecretBytes key;

  private LedgerKey(byte[] raw) {
    this.key = SecretBytes.copyOf(raw);
  }

  /** A key held in memory only (tests, and the in-memory fallback). */
  public static LedgerKey random() {
    byte[] raw = new byte[LENGTH];
    new SecureRandom().nextBytes(raw);
    return new LedgerKey(raw);
  }

  /**
   * Reads the key at {@code file}, or creates it (0600) if absent.
   *
   * @throws IOException if the file cannot be read or written, is not a regular file owned by this
   *     user, is readable or writable by anyone else, or has the wrong length
   */
  public static LedgerKey loadOrCreate(Path file) throws IOException {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      LedgerKey created = random();
      AtomicFiles.write(file, created.key.revealCopy(), AtomicFiles.OWNER_ONLY);
      return created;
    }
    checkPrivate(file, true);
    long size = Files.size(file);
    if (size != LENGTH) {
      throw new IOException(file + ": expected " + LENGTH + " bytes, got " + size);
    }
    return new LedgerKey(Files.readAllBytes(file));
  }

  /**
   * Checks that {@code file} is a regular file (not a link) owned by this process's user, and that
   * no other user may write it (nor read it, when {@code secret}). Skipped where the file system
   * has no POSIX permissions (Windows: the state directory's ACL applies).
   *
   * @throws IOException naming the file and what is wrong
   */
  static void checkPrivate(Path file, boolean secret) throws IOException {
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(file + ": not a regular file");
    }
    Set<PosixFilePermission> permissions;
    try {
      permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
    } catch (UnsupportedOperationException e) {
      return;
    }
    String owner = Files.getOwner(file, LinkOption.NOFOLLOW_LINKS).getName();
    String me = System.getProperty("user.name");
    if (!owner.equals(me)) {
      throw new IOException(file + ": owned by " + owner + ", expected " + me);
    }
    Set<PosixFilePermission> forbidden =
        secret
            ? Set.of(
                PosixFilePermission.GROUP_READ,
                PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.OTHERS_READ,
                PosixFilePermission.OTHERS_WRITE)
            : Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
    for (PosixFilePermission p : forbidden) {
      if (permissions.contains(p)) {
        throw new IOException(file + ": permission " + p + " set; expected owner-only");
      }
    }
  }

  /** HMAC-SHA256 over the parts, each length-prefixed so that no two part lists collide. */
  byte[] mac(byte[]... parts) {
    byte[] raw = key.revealCopy();
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(raw, ALGORITHM));
      for (byte[] part : parts) {
        mac.update(ByteBuffer.allocate(4).putInt(part.length).array());
        mac.update(part);
      }
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    } finally {
      java.util.Arrays.fill(raw, (byte) 0);
    }
  }

  /** Constant-time comparison of a computed and a stored MAC. */
  static boolean same(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }

  @Override
  public String toString() {
    return "LedgerKey[masked]";
  }
}
