package dev.tether.server.policy;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;

/**
 * Key operations that touch both the root and the published bundles, in one transaction: revoking a
 * signing key also re-signs every group's current content with a valid key, so devices holding a
 * bundle signed by the revoked key move to a valid one at their next poll instead of falling back.
 */
@Stateless
public class KeyAdminService {
  private static final System.Logger LOG = System.getLogger(KeyAdminService.class.getName());

  @Inject TrustService trust;
  @Inject PolicyService policies;

  /** See {@link TrustService#revokeSigningKey}; then re-signs every published group. */
  public RootChange revokeSigningKey(String tenant, String keyId, String actor, String note) {
    RootChange change = trust.revokeSigningKey(tenant, keyId, actor, note);
    TrustCache.Signer signer = trust.signer(tenant);
    int groups =
        policies.resignAll(
            tenant, signer, actor, "re-signed after revocation of signing key " + keyId);
    LOG.log(
        Level.INFO,
        "tenant {0}: signing key {1} revoked, {2} group(s) re-signed with {3}",
        tenant,
        keyId,
        groups,
        signer.delegation().keyId());
    return change;
  }
}
