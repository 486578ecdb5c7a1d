package dev.tether.server.policy;

import dev.tether.core.api.EnrollRequest;
import dev.tether.core.api.EnrollResponse;
import dev.tether.core.crypto.Ed25519PublicKey;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues enrollment tokens and turns one into an enrolled device. A token is single-use (one
 * device, e.g. a hand install) or a fleet token (up to {@link #MAX_FLEET_USES} devices of one
 * group, e.g. one MDM profile for a rollout; listed with its use count and revocable).
 */
@Stateless
public class EnrollmentService {
  /** Token lifetime when the admin gives none, and the longest allowed. */
  public static final int DEFAULT_TTL_HOURS = 24;

  public static final int MAX_TTL_HOURS = 720;

  /** Most devices one fleet token enrolls. */
  public static final int MAX_FLEET_USES = 100_000;

  /** Most fleet tokens listed per group. */
  public static final int MAX_LISTED = 1000;

  private static final int MAX_TEXT = 255;
  private static final System.Logger LOG = System.getLogger(EnrollmentService.class.getName());

  @Inject TenantService tenants;
  @Inject DeviceRepository devices;
  @Inject TrustService trust;

  /** Issues a single-use token for {@code tenant/group}. */
  public IssuedToken issueToken(String tenant, String group, int ttlHours) {
    return issueToken(tenant, group, ttlHours, 1);
  }

  /**
   * Issues a token for {@code tenant/group} that enrolls up to {@code maxUses} devices; the token
   * is returned once and stored as a hash.
   *
   * @throws TetherException INVALID for a lifetime or use count out of range, NOT_FOUND for an
   *     unknown tenant or group
   */
  public IssuedToken issueToken(String tenant, String group, int ttlHours, int maxUses) {
    if (ttlHours < 1 || ttlHours > MAX_TTL_HOURS) {
      throw new TetherException(
          TetherException.Kind.INVALID,
          "ttlHours: expected 1 to " + MAX_TTL_HOURS + ", got " + ttlHours);
    }
    if (maxUses < 1 || maxUses > MAX_FLEET_USES) {
      throw new TetherException(
          TetherException.Kind.INVALID,
          "maxUses: expected 1 to " + MAX_FLEET_USES + ", got " + maxUses);
    }
    tenants.requireGroup(tenant, group);
    String token = Secrets.newToken();
    Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    Instant expiresAt = now.plus(Duration.ofHours(ttlHours));
    if (maxUses == 1) {
      devices.persist(new EnrollmentToken(Secrets.hash(token), tenant, group, expiresAt));
      LOG.log(
          Level.INFO, "issued enrollment token for {0}/{1}, expires {2}", tenant, group, expiresAt);
      return new IssuedToken(token, expiresAt, 1, null);
    }
    String id = HexFormat.of().formatHex(Secrets.randomBytes(16));
    devices.persist(
        new FleetEnrollmentToken(Secrets.hash(token), id, tenant, group, now, expiresAt, maxUses));
    LOG.log(
        Level.INFO,
        "issued fleet enrollment token {0} for {1}/{2}: up to {3} devices, expires {4}",
        id,
        tenant,
        group,
        maxUses,
        expiresAt);
    return new IssuedToken(token, expiresAt, maxUses, id);
  }

  /** The group's fleet tokens, newest first (at most {@link #MAX_LISTED}). */
  public List<FleetTokenView> fleetTokens(String tenant, String group) {
    tenants.requireGroup(tenant, group);
    return devices.fleetTokens(tenant, group, MAX_LISTED).stream()
        .map(FleetEnrollmentToken::view)
        .toList();
  }

  /**
   * Revokes a fleet token: it enrolls no further device (devices it enrolled stay enrolled).
   *
   * @throws TetherException NOT_FOUND for an unknown tenant, group or token id
   */
  public FleetTokenView revokeFleetToken(String tenant, String group, String id) {
    tenants.requireGroup(tenant, group);
    FleetEnrollmentToken token =
        devices
            .lockFleetTokenById(tenant, group, id)
            .orElseThrow(
                () ->
                    new TetherException(
                        TetherException.Kind.NOT_FOUND, "enrollment token: unknown id " + id));
    token.revoke(Instant.now());
    LOG.log(Level.INFO, "revoked fleet enrollment token {0} of {1}/{2}", id, tenant, group);
    return token.view();
  }

  /**
   * Consumes the token and enrolls a device with a fresh id and credential.
   *
   * @throws TetherException UNAUTHENTICATED for an unknown, used or expired token; INVALID for a
   *     malformed request
   */
  public EnrollResponse enroll(EnrollRequest request) {
    if (request.token() == null || request.token().isBlank() || request.token().length() > 200) {
      throw TetherException.unauthenticated("enroll.token: missing or malformed");
    }
    Ed25519PublicKey publicKey;
    try {
      publicKey = Ed25519PublicKey.fromBase64(request.devicePublicKey());
    } catch (RuntimeException e) {
      throw new TetherException(
          TetherException.Kind.INVALID, "enroll.devicePublicKey: " + e.getMessage());
    }
    String hostname = bounded("enroll.hostname", request.hostname());
    String osUser = bounded("enroll.osUser", request.osUser());
    String agentVersion = bounded("enroll.agentVersion", request.agentVersion());
    String os = bounded("enroll.os", request.os());
    Instant now = Instant.now();
    String deviceId = UUID.randomUUID().toString();
    String tokenHash = Secrets.hash(request.token());
    String tenant;
    String group;
    Optional<EnrollmentToken> single = devices.lockToken(tokenHash);
    if (single.isPresent()) {
      single.get().consume(now, deviceId);
      tenant = single.get().tenant;
      group = single.get().groupId;
    } else {
      FleetEnrollmentToken fleet =
          devices
              .lockFleetToken(tokenHash)
              .orElseThrow(() -> TetherException.unauthenticated("enroll.token: unknown"));
      fleet.consume(now);
      tenant = fleet.tenant;
      group = fleet.groupId;
    }
    String credential = Secrets.newToken();
    Device device =
        new Device(deviceId, tenant, group, publicKey.toBase64(), Secrets.hash(credential));
    device.hostname = hostname;
    device.osUser = osUser;
    device.agentVersion = agentVersion;
    device.os = os;
    device.enrolledAtMillis = now.toEpochMilli();
    device.state = "ENROLLED";
    devices.persist(device);
    LOG.log(Level.INFO, "enrolled device {0} in {1}/{2}", deviceId, tenant, group);
    return new EnrollResponse(deviceId, credential, tenant, group, trust.enrollmentChain(tenant));
  }

  private static String bounded(String key, String value) {
    if (value != null && value.length() > MAX_TEXT) {
      throw new TetherException(
          TetherException.Kind.INVALID,
          key + ": at most " + MAX_TEXT + " characters, got " + value.length());
    }
    return value;
  }
}
