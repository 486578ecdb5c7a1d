package dev.tether.agent.policy;

import dev.tether.agent.server.ServerClient;
import dev.tether.core.api.HeartbeatResponse;
import dev.tether.core.api.RootsResponse;
import dev.tether.core.bundle.BundleVerificationException;
import dev.tether.core.bundle.RootVerifier;
import dev.tether.core.bundle.TrustedRoot;
import java.io.IOException;
import java.util.Objects;

/**
 * What the agent does with a heartbeat answer, in this order: walk to a newer root if one is
 * announced (fetched from the server, verified by {@link RootVerifier#update}), raise the trusted
 * clock with the signed server time (verified against the now current root), and note the newest
 * policy version (a newer one means: poll now; one that is then not served means: GRACE).
 */
public final class HeartbeatSync {
  private static final System.Logger LOG = System.getLogger(HeartbeatSync.class.getName());

  private final ServerClient server;
  private final PolicyManager policies;
  private final RootTrust roots;

  public HeartbeatSync(ServerClient server, PolicyManager policies, RootTrust roots) {
    this.server = Objects.requireNonNull(server, "server");
    this.policies = Objects.requireNonNull(policies, "policies");
    this.roots = Objects.requireNonNull(roots, "roots");
  }

  /**
   * @return true if the policy should be polled now (newer version, or a new root)
   * @throws IOException if fetching or storing a newer root failed (retried at the next heartbeat)
   */
  public boolean apply(HeartbeatResponse response) throws IOException, InterruptedException {
    boolean poll = false;
    if (response.latestRootVersion() > policies.root().version()) {
      poll = updateRoot(response.latestRootVersion());
    }
    if (response.serverTime() != null) {
      policies.acceptServerTime(response.serverTime());
    }
    if (policies.announce(response.latestPolicyVersion())) {
      LOG.log(
          System.Logger.Level.INFO,
          "heartbeat: server has policyVersion={0}; polling now",
          response.latestPolicyVersion());
      poll = true;
    }
    return poll;
  }

  private boolean updateRoot(long announced) throws IOException, InterruptedException {
    TrustedRoot current = policies.root();
    // Bounded: each page moves at least one version forward or stops.
    for (int page = 0; page < 64 && current.version() < announced; page++) {
      RootsResponse newer = server.fetchRoots(current.version());
      if (newer.roots().isEmpty()) {
        break;
      }
      TrustedRoot next;
      try {
        next = roots.update(current, newer.roots());
      } catch (BundleVerificationException e) {
        LOG.log(System.Logger.Level.ERROR, "root update rejected: {0}", e.getMessage());
        policies.downloadRejected("root update rejected: " + e.getMessage());
        throw new IOException("root update rejected: " + e.getMessage(), e);
      }
      if (next.version() <= current.version()) {
        break;
      }
      current = next;
    }
    if (current.version() == policies.root().version()) {
      return false;
    }
    policies.rootUpdated(current, roots.floor());
    return true;
  }
}
