package dev.tether.agent.policy;

import dev.tether.agent.server.ServerClient;
import dev.tether.agent.server.ServerException;
import dev.tether.core.bundle.BundleVerificationException;
import java.io.IOException;
import java.util.Optional;

/**
 * One policy download attempt: {@code GET bundle} with the active ETag, verify, cache, activate. A
 * failure of any step keeps the last good policy and its ETag and is reported as the last sync
 * error.
 */
public final class PolicyPoller {
  private static final System.Logger LOG = System.getLogger(PolicyPoller.class.getName());

  private final ServerClient server;
  private final PolicyManager policies;
  private volatile String lastError;

  public PolicyPoller(ServerClient server, PolicyManager policies) {
    this.server = server;
    this.policies = policies;
  }

  /**
   * @return true if the attempt succeeded (new policy, not modified, or nothing published)
   */
  public boolean pollOnce() throws InterruptedException {
    try {
      Optional<ServerClient.BundleDownload> download = server.fetchBundle(policies.etag());
      if (download.isPresent()) {
        ActivePolicy policy = policies.accept(download.get().envelope(), download.get().etag());
        LOG.log(System.Logger.Level.INFO, "policy sync: now policyVersion={0}", policy.version());
      }
      lastError = null;
      return true;
    } catch (ServerException e) {
      if (e.status() == 404) {
        lastError = "no policy published for this device's group";
        LOG.log(System.Logger.Level.INFO, "policy sync: {0}", lastError);
        return true;
      }
      return failed(e.getMessage());
    } catch (BundleVerificationException e) {
      LOG.log(System.Logger.Level.ERROR, "policy sync: bundle rejected: {0}", e.getMessage());
      lastError = "bundle rejected: " + e.getMessage();
      return false;
    } catch (IOException e) {
      return failed(
          e.getMessage() == null
              ? "cannot reach server (" + e.getClass().getSimpleName() + ")"
              : e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "policy sync: unexpected failure: {0}", e.toString());
      lastError = "unexpected: " + e;
      return false;
    }
  }

  private boolean failed(String message) {
    LOG.log(System.Logger.Level.INFO, "policy sync failed: {0}", message);
    lastError = message;
    return false;
  }

  /** The error of the last attempt, or {@code null} if it succeeded. */
  public String lastError() {
    return lastError;
  }
}
