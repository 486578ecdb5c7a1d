package dev.tether.server.policy;

import dev.tether.core.api.Heartbeat;
import dev.tether.core.api.HeartbeatResponse;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Authenticates devices by credential, records heartbeats, lists devices. */
@Stateless
public class DeviceService {
  private static final int MAX_STATE = 64;

  @Inject DeviceRepository devices;
  @Inject TenantService tenants;
  @Inject BundleTags tags;
  @Inject DeviceCredentialCache credentials;
  @Inject TrustCache trust;

  /**
   * The device holding {@code credential}: from {@link DeviceCredentialCache} when it was seen in
   * the last {@link DeviceCredentialCache#TTL}, else one indexed lookup by its hash (a projection:
   * no entity is built, so concurrent polls of one device do not contend on the entity cache).
   * Starts no transaction of its own.
   *
   * @throws TetherException UNAUTHENTICATED if no device has it
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public DeviceIdentity authenticate(String credential) {
    if (credential == null || credential.isEmpty() || credential.length() > 200) {
      throw TetherException.unauthenticated("authorization: device credential required");
    }
    String hash = Secrets.hash(credential);
    Optional<DeviceIdentity> cached = credentials.get(hash);
    if (cached.isPresent()) {
      return cached.get();
    }
    DeviceIdentity identity =
        devices
            .identityByCredentialHash(hash)
            .orElseThrow(
                () -> TetherException.unauthenticated("authorization: unknown device credential"));
    credentials.put(hash, identity);
    return identity;
  }

  /** Devices (every tenant) whose last enrollment or heartbeat is at or after {@code since}. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public long countSeenSince(Instant since) {
    return devices.countSeenSince(since.toEpochMilli());
  }

  /**
   * Records the heartbeat and answers the newest published version of the device's group, the
   * tenant's current root version and the signed server time (the device's clock floor), all from
   * memory after the first call.
   */
  public HeartbeatResponse heartbeat(DeviceIdentity identity, Heartbeat heartbeat) {
    if (heartbeat.state() == null
        || heartbeat.state().isBlank()
        || heartbeat.state().length() > MAX_STATE) {
      throw new TetherException(
          TetherException.Kind.INVALID,
          "heartbeat.state: expected 1 to " + MAX_STATE + " characters");
    }
    if (heartbeat.policyVersion() < 0) {
      throw new TetherException(
          TetherException.Kind.INVALID,
          "heartbeat.policyVersion: expected >= 0, got " + heartbeat.policyVersion());
    }
    Device device =
        devices
            .byId(identity.deviceId())
            .orElseThrow(
                () -> TetherException.unauthenticated("authorization: device was removed"));
    String agentVersion =
        heartbeat.agentVersion() != null && heartbeat.agentVersion().length() <= 64
            ? heartbeat.agentVersion()
            : null;
    device.recordHeartbeat(
        heartbeat.state(),
        heartbeat.policyVersion(),
        agentVersion,
        heartbeat.graceEndsAt() == null ? 0 : heartbeat.graceEndsAt().toEpochMilli(),
        Instant.now().toEpochMilli());
    long latest =
        tags.latest(identity.tenant(), identity.group()).map(BundleTags.Tag::version).orElse(0L);
    String tenant = identity.tenant();
    return new HeartbeatResponse(
        latest,
        trust.current(tenant).map(c -> c.root().version()).orElse(0L),
        trust.serverTime(tenant).orElse(null));
  }

  /** Devices of a tenant, newest enrollment first. */
  public List<DeviceSummary> list(String tenant) {
    tenants.requireTenant(tenant);
    return summaries(devices.byTenant(tenant, 0, Integer.MAX_VALUE));
  }

  /** One page of a tenant's devices, newest enrollment first (ties by id), and their number. */
  public Page<DeviceSummary> list(String tenant, int offset, int limit) {
    Page.requireValid(offset, limit);
    tenants.requireTenant(tenant);
    return new Page<>(
        summaries(devices.byTenant(tenant, offset, limit)),
        devices.countByTenant(tenant),
        offset,
        limit);
  }

  private static List<DeviceSummary> summaries(List<Device> rows) {
    return rows.stream()
        .map(
            d ->
                new DeviceSummary(
                    d.id,
                    d.groupId,
                    d.hostname,
                    d.osUser,
                    Instant.ofEpochMilli(d.enrolledAtMillis),
                    d.lastSeenAtMillis == 0 ? null : Instant.ofEpochMilli(d.lastSeenAtMillis),
                    d.state,
                    d.policyVersion,
                    d.graceEndsAtMillis == 0 ? null : Instant.ofEpochMilli(d.graceEndsAtMillis),
                    d.agentVersion,
                    d.os))
        .toList();
  }
}
