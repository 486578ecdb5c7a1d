package dev.tether.agent.policy;

import dev.tether.agent.server.ServerClient;
import dev.tether.agent.server.ServerException;
import dev.tether.core.bundle.BundleVerificationException;
import java.io.IOException;
import java.util.Optional;

/**
 * One policy refresh: {@code GET bundle} with {@code If-None-Match} (the ETag of the policy in
 * force), verify, cache, activate. Any failure keeps the last good policy and its ETag, is reported
 * as the last refresh error and moves the agent towards GRACE; a rejected bundle is also audited.
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
   * @return true if the refresh succeeded (new policy, or not modified)
   */
  public boolean pollOnce() throws InterruptedException {
    try {
      Optional<ServerClient.BundleDownload> download = server.fetchBundle(policies.etag());
      if (download.isPresent()) {
        ActivePolicy policy = policies.accept(download.get().envelope(), download.get().etag());
        LOG.log(System.Logger.Level.INFO, "policy sync: now policyVersion={0}", policy.version());
      } else {
        policies.refreshed();
      }
      return succeeded();
    } catch (ServerException e) {
      if (e.status() == 404 && policies.current().isEmpty()) {
        lastError = "no policy published for this device's group";
        LOG.log(System.Logger.Level.INFO, "policy sync: {0}", lastError);
        policies.refreshFailed(lastError);
        return true;
      }
      return failed(e.getMessage());
    } catch (BundleVerificationException e) {
      LOG.log(System.Logger.Level.ERROR, "policy sync: bundle rejected: {0}", e.getMessage());
      if (!("bundle rejected: " + e.getMessage()).equals(lastError)) {
        policies.downloadRejected(e.getMessage());
      }
      return failed("bundle rejected: " + e.getMessage());
    } catch (IOException e) {
      return failed(
          e.getMessage() == null
              ? "cannot reach server (" + e.getClass().getSimpleName() + ")"
              : e.getMessage());
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "policy sync: unexpected failure: {0}", e.toString());
      return failed("unexpected: " + e);
    }
  }

  private boolean succeeded() {
    // refreshed() may still report a failure: the server announced a newer version than it serves.
    lastError = policies.status().refreshError();
    return lastError == null;
  }

  private boolean failed(String message) {
    LOG.log(System.Logger.Level.INFO, "policy sync failed: {0}", message);
    lastError = message;
    policies.refreshFailed(message);
    return false;
  }

  /** The error of the last attempt, or {@code null} if it succeeded. */
  public String lastError() {
    return lastError;
  }
}
