package dev.tether.server.policy;

import dev.tether.server.cluster.InstanceId;
import dev.tether.server.cluster.KeyMismatchException;
import dev.tether.server.cluster.KeyPins;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The admin API token. Created on first start as {@code <data dir>/admin-token} (32 random bytes,
 * Base64url, owner-only file) and printed nowhere else. Only its SHA-256 is kept in memory.
 *
 * <p>Several instances share the data directory, so they share the token; a digest of its SHA-256
 * is pinned in the database ({@code TETHER_KEY_PIN}, name {@value #KEY_PIN}) by the first instance.
 * An instance reading another token (its own data directory) accepts no admin token at all and
 * reports itself not ready ({@link #problem()}).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AdminTokens {
  /** File name of the admin token inside the data directory. */
  public static final String FILE = "admin-token";

  /** Key pin name of the admin token. */
  public static final String KEY_PIN = "admin-token";

  private static final System.Logger LOG = System.getLogger(AdminTokens.class.getName());

  @Resource(lookup = "java:comp/DefaultDataSource")
  DataSource dataSource;

  private volatile byte[] tokenHash;
  private volatile String problem;

  @PostConstruct
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
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
    byte[] hash = digest(token);
    try {
      KeyPins.pin(
          dataSource, KEY_PIN, dev.tether.core.crypto.Digests.sha256(hash), InstanceId.current());
      tokenHash = hash;
    } catch (KeyMismatchException e) {
      problem = e.getMessage();
      LOG.log(Level.ERROR, "admin token NOT accepted on this instance: {0}", problem);
    }
  }

  /** Why this instance accepts no admin token (its token is not the pinned one), if so. */
  public Optional<String> problem() {
    return Optional.ofNullable(problem);
  }

  /** True if {@code presented} is the admin token; compares in constant time. */
  public boolean matches(String presented) {
    byte[] expected = tokenHash;
    if (presented == null || presented.isEmpty() || expected == null) {
      return false;
    }
    return MessageDigest.isEqual(digest(presented), expected);
  }

  private static byte[] digest(String value) {
    return dev.tether.core.crypto.Digests.sha256Raw(value.getBytes(StandardCharsets.UTF_8));
  }
}
