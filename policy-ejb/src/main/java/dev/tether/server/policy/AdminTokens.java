package dev.tether.server.policy;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The admin API token. Created on first start as {@code <data dir>/admin-token} (32 random bytes,
 * Base64url, owner-only file) and printed nowhere else. Only its SHA-256 is kept in memory.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AdminTokens {
  /** File name of the admin token inside the data directory. */
  public static final String FILE = "admin-token";

  private static final System.Logger LOG = System.getLogger(AdminTokens.class.getName());

  private volatile byte[] tokenHash;

  @PostConstruct
  void init() {
    Path dir = ServerDataDir.ensureDirectory(ServerDataDir.resolve());
    Path file = dir.resolve(FILE);
    if (ServerDataDir.writeSecretIfAbsent(
        file, Secrets.newToken().getBytes(StandardCharsets.US_ASCII))) {
      LOG.log(Level.INFO, "created admin token file {0}", file);
    } else {
      LOG.log(Level.INFO, "using admin token file {0}", file);
    }
    byte[] raw = ServerDataDir.readSecret(file);
    String token = new String(raw, StandardCharsets.US_ASCII).trim();
    Arrays.fill(raw, (byte) 0);
    if (token.isEmpty()) {
      throw new IllegalStateException("admin token file " + file + " is empty");
    }
    tokenHash = digest(token);
  }

  /** True if {@code presented} is the admin token; compares in constant time. */
  public boolean matches(String presented) {
    if (presented == null || presented.isEmpty()) {
      return false;
    }
    return MessageDigest.isEqual(digest(presented), tokenHash);
  }

  private static byte[] digest(String value) {
    return dev.tether.core.crypto.Digests.sha256Raw(value.getBytes(StandardCharsets.UTF_8));
  }
}
