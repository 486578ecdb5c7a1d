package dev.tether.agent.policy;

import dev.tether.agent.config.AtomicFiles;
import dev.tether.agent.config.StateDir;
import dev.tether.core.bundle.BundleVerificationException;
import dev.tether.core.bundle.RootMetadata;
import dev.tether.core.bundle.RootVerifier;
import dev.tether.core.bundle.SignedBundle;
import dev.tether.core.bundle.TrustedRoot;
import dev.tether.core.json.JsonCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Objects;

/**
 * The tenant root this device trusts, across root rotations: the root pinned at enrollment, then
 * every newer root reached by {@link RootVerifier#update} (each signed by a threshold of the old
 * and of the new root keys). The newest trusted root is kept in {@code trust/root.json} and the
 * highest root version ever trusted in {@code trust/root-version-floor}; both are re-checked on
 * load, so a deleted, modified or swapped-in older root is refused.
 *
 * <p>When the stored root is missing or rejected, the enrollment root is used as the starting point
 * of a new walk; if it is older than the floor, {@link #usable} is false and no bundle is verified
 * until a heartbeat-announced root update brings the device back to the floor.
 */
public final class RootTrust {
  private static final System.Logger LOG = System.getLogger(RootTrust.class.getName());
  private static final int MAX_FLOOR_FILE = 64;

  private final StateDir dir;
  private final String tenant;
  private final SignedBundle enrolledRoot;
  private volatile long floor;
  private volatile String problem;

  public RootTrust(StateDir dir, String tenant, SignedBundle enrolledRoot) {
    this.dir = Objects.requireNonNull(dir, "dir");
    this.tenant = Objects.requireNonNull(tenant, "tenant");
    this.enrolledRoot = Objects.requireNonNull(enrolledRoot, "enrolledRoot");
  }

  /**
   * The newest root this device can re-verify from its own storage.
   *
   * @throws BundleVerificationException if not even the enrollment root verifies
   */
  public TrustedRoot load() throws BundleVerificationException {
    problem = null;
    try {
      floor = readFloor();
    } catch (IOException | RuntimeException e) {
      problem = "root version floor unreadable (" + e.getMessage() + ")";
      floor = Long.MAX_VALUE;
    }
    try {
      byte[] stored = Files.readAllBytes(dir.trustRoot());
      if (stored.length > RootMetadata.MAX_PAYLOAD_BYTES * 2) {
        throw new IOException("longer than " + RootMetadata.MAX_PAYLOAD_BYTES * 2 + " bytes");
      }
      return RootVerifier.reload(
          JsonCodec.read(stored, SignedBundle.class), tenant, floor == Long.MAX_VALUE ? 0 : floor);
    } catch (NoSuchFileException e) {
      // never rotated: the enrollment root
    } catch (IOException | BundleVerificationException | RuntimeException e) {
      problem = "stored root rejected (" + e.getMessage() + ")";
      LOG.log(System.Logger.Level.ERROR, "{0}", problem);
    }
    return RootVerifier.reload(enrolledRoot, tenant, 0);
  }

  /** True if {@code root} is at least the highest root version this device ever trusted. */
  public boolean usable(TrustedRoot root) {
    return root.version() >= floor;
  }

  /** Highest root version ever trusted. */
  public long floor() {
    return floor;
  }

  /** Why the stored root (or its floor) was rejected at the last load, or {@code null}. */
  public String problem() {
    return problem;
  }

  /**
   * Walks from {@code current} through {@code newer} (oldest first) and stores the result.
   *
   * @throws BundleVerificationException if the chain does not verify (nothing changes)
   * @throws IOException if the new root cannot be stored (nothing changes)
   */
  public synchronized TrustedRoot update(TrustedRoot current, List<SignedBundle> newer)
      throws BundleVerificationException, IOException {
    TrustedRoot next = RootVerifier.update(current, newer);
    if (next.version() == current.version()) {
      return current;
    }
    AtomicFiles.write(dir.trustRoot(), next.envelopeBytes(), AtomicFiles.OWNER_ONLY);
    if (floor == Long.MAX_VALUE || next.version() > floor) {
      AtomicFiles.write(
          dir.trustRootVersionFloor(),
          (next.version() + "\n").getBytes(StandardCharsets.US_ASCII),
          AtomicFiles.OWNER_ONLY);
      floor = next.version();
    }
    problem = null;
    LOG.log(
        System.Logger.Level.INFO,
        "root rotated to version {0} ({1})",
        next.version(),
        next.fingerprint());
    return next;
  }

  private long readFloor() throws IOException {
    try {
      if (Files.size(dir.trustRootVersionFloor()) > MAX_FLOOR_FILE) {
        throw new IOException("longer than " + MAX_FLOOR_FILE + " bytes");
      }
      long value =
          Long.parseLong(
              Files.readString(dir.trustRootVersionFloor(), StandardCharsets.US_ASCII).trim());
      if (value < 0) {
        throw new IOException("negative");
      }
      return value;
    } catch (NoSuchFileException e) {
      return 0;
    }
  }
}
