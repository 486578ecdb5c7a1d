package dev.tether.server.web;

import dev.tether.core.bundle.RootMetadata;
import dev.tether.server.audit.evidence.EvidenceInputs;
import dev.tether.server.policy.DeviceService;
import dev.tether.server.policy.GroupVersion;
import dev.tether.server.policy.PolicyService;
import dev.tether.server.policy.PublishedVersion;
import dev.tether.server.policy.RootHistoryEntry;
import dev.tether.server.policy.TrustService;
import dev.tether.server.policy.identity.AdminActionLog;
import dev.tether.server.policy.identity.AdminActionRecord;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Gathers an evidence package's policy-side inputs from the policy services and hands them to the
 * audit module as plain records (the audit module must not depend on the policy module). Only
 * translation; no decision is taken here.
 */
@RequestScoped
public class EvidenceSources {
  /** What the control mapping states about administrator identity on this server. */
  static final String ADMIN_IDENTITY =
      "Administrators authenticate individually (local accounts with Argon2id passwords and"
          + " sessions, or API tokens); the bootstrap admin token, created on first start and"
          + " readable only by the server's account, acts as a super-admin. Every admin endpoint"
          + " requires a role (SUPER_ADMIN, TENANT_ADMIN, POLICY_AUTHOR, APPROVER, AUDITOR)"
          + " granted in the tenant, and every admin action is logged append-only with the"
          + " acting principal, method, resource, outcome and the state before and after"
          + " (admin/actions.json). Policy versions record the authenticated principal as"
          + " publishedBy; publishing needs the POLICY_AUTHOR role and the server requires no"
          + " second approver, so approved_by is empty.";

  @Inject PolicyService policies;
  @Inject TrustService trust;
  @Inject DeviceService devices;

  @Inject AdminActionLog actionLog;

  /** The inputs of {@code tenant}'s package over {@code [from, to)}. */
  EvidenceInputs gather(String tenant, Instant from, Instant to) {
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
        (max, sink) -> adminActions(tenant, from, to, max, sink),
        ADMIN_IDENTITY);
  }

  /** Pages through the tenant's admin-action log (newest first) and feeds the period's actions. */
  private boolean adminActions(
      String tenant, Instant from, Instant to, int max, Consumer<Object> sink) {
    Long before = null;
    int fed = 0;
    while (true) {
      List<AdminActionRecord> page = actionLog.list(tenant, before, AdminActionLog.MAX_LIMIT);
      for (AdminActionRecord action : page) {
        if (!action.at().isBefore(to)) {
          continue;
        }
        if (action.at().isBefore(from)) {
          return false;
        }
        if (fed == max) {
          return true;
        }
        sink.accept(action);
        fed++;
      }
      if (page.size() < AdminActionLog.MAX_LIMIT) {
        return false;
      }
      before = page.get(page.size() - 1).id();
    }
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
