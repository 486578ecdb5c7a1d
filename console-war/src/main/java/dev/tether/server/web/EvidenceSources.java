package dev.tether.server.web;

import dev.tether.core.bundle.RootMetadata;
import dev.tether.server.audit.evidence.EvidenceInputs;
import dev.tether.server.policy.DeviceService;
import dev.tether.server.policy.GroupVersion;
import dev.tether.server.policy.PolicyService;
import dev.tether.server.policy.PublishedVersion;
import dev.tether.server.policy.RootHistoryEntry;
import dev.tether.server.policy.TrustService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Gathers an evidence package's policy-side inputs from the policy services and hands them to the
 * audit module as plain records (the audit module must not depend on the policy module). Only
 * translation; no decision is taken here.
 */
@RequestScoped
public class EvidenceSources {
  /** What the control mapping states about administrator identity on this server. */
  static final String ADMIN_IDENTITY =
      "Administrators authenticate to the admin API with the server's admin bearer token (one"
          + " shared secret, created on first start, readable only by the server's account)."
          + " Policy versions record the authenticated principal as publishedBy, which is"
          + " 'admin-token' for that token; individual administrators are attributed only where"
          + " the server authenticates them individually.";

  @Inject PolicyService policies;
  @Inject TrustService trust;
  @Inject DeviceService devices;

  EvidenceInputs gather(String tenant) {
    List<GroupVersion> history = policies.tenantHistory(tenant);
    return new EvidenceInputs(
        history.stream().map(EvidenceSources::policyChange).toList(),
        history.size() >= PolicyService.MAX_TENANT_HISTORY,
        trust.history(tenant).stream().map(EvidenceSources::keyChange).toList(),
        trust.keyRing(tenant),
        devices.list(tenant).stream()
            .map(
                d ->
                    new EvidenceInputs.FleetDevice(
                        d.deviceId(),
                        d.group(),
                        d.hostname(),
                        d.osUser(),
                        d.enrolledAt(),
                        d.lastSeenAt(),
                        d.state(),
                        d.policyVersion()))
            .toList(),
        null,
        ADMIN_IDENTITY);
  }

  private static EvidenceInputs.PolicyChange policyChange(GroupVersion g) {
    PublishedVersion v = g.version();
    return new EvidenceInputs.PolicyChange(
        g.group(),
        v.version(),
        v.kind().name(),
        v.sourceVersion(),
        v.publishedAt(),
        v.publishedBy(),
        null,
        v.note(),
        v.digest(),
        v.contentDigest(),
        v.signingKeyId(),
        v.expiresAt());
  }

  private static EvidenceInputs.KeyChange keyChange(RootHistoryEntry e) {
    RootMetadata root = e.root();
    return new EvidenceInputs.KeyChange(
        e.version(),
        e.createdAt(),
        e.actor(),
        e.note(),
        e.fingerprint(),
        root.rootThreshold(),
        root.rootKeys().stream().map(RootMetadata.RootKey::keyId).toList(),
        root.signingKeys().stream()
            .map(k -> k.keyId() + " " + k.notBefore() + ".." + k.notAfter())
            .toList(),
        root.revokedKeyIds());
  }
}
