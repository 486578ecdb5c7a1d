package dev.tether.server.policy.approval;

import dev.tether.core.api.AgentApi;
import dev.tether.core.api.ApprovalFiling;
import dev.tether.core.api.ApprovalList;
import dev.tether.core.api.ApprovalStatus;
import dev.tether.server.policy.DeviceIdentity;
import dev.tether.server.policy.Page;
import dev.tether.server.policy.TenantService;
import dev.tether.server.policy.TetherException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Files, lists and decides approval requests.
 *
 * <p>Guarantees: a device files each request id once (a repeat returns the stored state); a device
 * lists only its own requests; approve and deny act only on a PENDING request of the tenant in the
 * path (anything else is 404 or 409); an approval's validity is between 1 minute and {@link
 * #MAX_VALIDITY}; reasons are required for both decisions so the audit trail says why.
 */
@Stateless
public class ApprovalService {
  public static final String PENDING = "PENDING";
  public static final String APPROVED = "APPROVED";
  public static final String DENIED = "DENIED";
  public static final String EXPIRED = "EXPIRED";

  /** Longest validity an approver may grant. */
  public static final Duration MAX_VALIDITY = Duration.ofDays(30);

  /** Most pending requests one device may hold (filing more is refused). */
  public static final int MAX_PENDING_PER_DEVICE = 100;

  @PersistenceContext(unitName = "tether-policy")
  EntityManager em;

  @Inject TenantService tenants;

  /** Files {@code filing} for {@code device}; idempotent per request id. */
  public ApprovalStatus file(DeviceIdentity device, ApprovalFiling filing) {
    List<ApprovalRequest> existing =
        em.createQuery(
                "SELECT a FROM ApprovalRequest a WHERE a.deviceId = :d AND a.requestId = :r",
                ApprovalRequest.class)
            .setParameter("d", device.deviceId())
            .setParameter("r", filing.requestId())
            .getResultList();
    if (!existing.isEmpty()) {
      return status(existing.get(0), Instant.now());
    }
    long pending =
        em.createQuery(
                "SELECT COUNT(a) FROM ApprovalRequest a WHERE a.deviceId = :d AND a.state = :s",
                Long.class)
            .setParameter("d", device.deviceId())
            .setParameter("s", PENDING)
            .getSingleResult();
    if (pending >= MAX_PENDING_PER_DEVICE) {
      throw new TetherException(
          TetherException.Kind.CONFLICT,
          "approval: device already has " + pending + " pending requests");
    }
    ApprovalRequest request =
        new ApprovalRequest(
            UUID.randomUUID().toString(),
            device.tenant(),
            device.group(),
            device.deviceId(),
            filing.requestId(),
            filing.contentDigest(),
            filing.osUser(),
            filing.destinationHost(),
            filing.reason(),
            filing.policyVersion(),
            Instant.now().toEpochMilli());
    em.persist(request);
    em.flush();
    return status(request, Instant.now());
  }

  /** The device's requests, newest first. */
  public ApprovalList forDevice(DeviceIdentity device) {
    Instant now = Instant.now();
    return new ApprovalList(
        em
            .createQuery(
                "SELECT a FROM ApprovalRequest a WHERE a.deviceId = :d"
                    + " ORDER BY a.createdAtMillis DESC, a.id",
                ApprovalRequest.class)
            .setParameter("d", device.deviceId())
            .setMaxResults(AgentApi.MAX_APPROVALS)
            .getResultList()
            .stream()
            .map(a -> status(a, now))
            .toList());
  }

  /** A tenant's requests, newest first, optionally only those in {@code state}. */
  public List<ApprovalView> list(String tenant, String state, int limit) {
    return list(tenant, state, 0, limit).items();
  }

  /**
   * One page of a tenant's requests, newest first (ties by id), optionally only those in {@code
   * state}, and how many match.
   */
  public Page<ApprovalView> list(String tenant, String state, int offset, int limit) {
    tenants.requireTenant(tenant);
    Page.requireValid(offset, limit);
    if (state != null && !List.of(PENDING, APPROVED, DENIED).contains(state)) {
      throw new TetherException(
          TetherException.Kind.INVALID,
          "state: expected PENDING, APPROVED or DENIED, got \"" + state + "\"");
    }
    String where = " WHERE a.tenant = :t" + (state == null ? "" : " AND a.state = :s");
    var q =
        em.createQuery(
                "SELECT a FROM ApprovalRequest a"
                    + where
                    + " ORDER BY a.createdAtMillis DESC, a.id",
                ApprovalRequest.class)
            .setParameter("t", tenant);
    var count =
        em.createQuery("SELECT COUNT(a) FROM ApprovalRequest a" + where, Long.class)
            .setParameter("t", tenant);
    if (state != null) {
      q.setParameter("s", state);
      count.setParameter("s", state);
    }
    Instant now = Instant.now();
    List<ApprovalView> items =
        q.setFirstResult(offset).setMaxResults(limit).getResultList().stream()
            .map(a -> view(a, now))
            .toList();
    return new Page<>(items, count.getSingleResult(), offset, limit);
  }

  /** Approves a pending request for {@code validFor} (null: {@code defaultValidity}). */
  public ApprovalView approve(String tenant, String id, String note, Duration validFor) {
    Duration validity = validFor == null ? Duration.ofHours(8) : validFor;
    if (validity.compareTo(Duration.ofMinutes(1)) < 0 || validity.compareTo(MAX_VALIDITY) > 0) {
      throw new TetherException(
          TetherException.Kind.INVALID,
          "validFor: expected between PT1M and " + MAX_VALIDITY + ", got " + validity);
    }
    ApprovalRequest a = pending(tenant, id, note);
    long now = Instant.now().toEpochMilli();
    a.decide(APPROVED, note.strip(), now, now + validity.toMillis());
    return view(a, Instant.ofEpochMilli(now));
  }

  /** Denies a pending request. */
  public ApprovalView deny(String tenant, String id, String note) {
    ApprovalRequest a = pending(tenant, id, note);
    long now = Instant.now().toEpochMilli();
    a.decide(DENIED, note.strip(), now, 0);
    return view(a, Instant.ofEpochMilli(now));
  }

  private ApprovalRequest pending(String tenant, String id, String note) {
    tenants.requireTenant(tenant);
    if (note == null || note.isBlank() || note.length() > 500) {
      throw new TetherException(
          TetherException.Kind.INVALID, "reason: expected 1 to 500 characters");
    }
    ApprovalRequest a = id == null || id.length() > 36 ? null : em.find(ApprovalRequest.class, id);
    if (a == null || !a.tenant.equals(tenant)) {
      throw new TetherException(TetherException.Kind.NOT_FOUND, "approval " + id + ": not found");
    }
    if (!a.state.equals(PENDING)) {
      throw new TetherException(
          TetherException.Kind.CONFLICT, "approval " + id + ": already " + a.state);
    }
    return a;
  }

  private static String effectiveState(ApprovalRequest a, Instant now) {
    return a.state.equals(APPROVED) && now.toEpochMilli() >= a.validUntilMillis ? EXPIRED : a.state;
  }

  private static ApprovalStatus status(ApprovalRequest a, Instant now) {
    return new ApprovalStatus(
        a.requestId,
        effectiveState(a, now),
        a.validUntilMillis == 0 ? null : Instant.ofEpochMilli(a.validUntilMillis),
        a.note,
        a.decidedAtMillis == 0 ? null : Instant.ofEpochMilli(a.decidedAtMillis));
  }

  private static ApprovalView view(ApprovalRequest a, Instant now) {
    return new ApprovalView(
        a.id,
        a.deviceId,
        a.groupId,
        a.requestId,
        a.contentDigest,
        a.osUser,
        a.destinationHost,
        a.reason,
        a.policyVersion,
        effectiveState(a, now),
        Instant.ofEpochMilli(a.createdAtMillis),
        a.decidedAtMillis == 0 ? null : Instant.ofEpochMilli(a.decidedAtMillis),
        a.validUntilMillis == 0 ? null : Instant.ofEpochMilli(a.validUntilMillis),
        a.note);
  }
}
