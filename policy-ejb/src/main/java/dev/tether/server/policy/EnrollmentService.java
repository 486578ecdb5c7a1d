package dev.tether.server.policy;

import dev.tether.core.api.EnrollRequest;
import dev.tether.core.api.EnrollResponse;
import dev.tether.core.crypto.Ed25519PublicKey;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Issues single-use enrollment tokens and turns one into an enrolled device. */
@Stateless
public class EnrollmentService {
  /** Token lifetime when the admin gives none, and the longest allowed. */
  public static final int DEFAULT_TTL_HOURS = 24;

  public static final int MAX_TTL_HOURS = 720;

  private static final int MAX_TEXT = 255;
  private static final System.Logger LOG = System.getLogger(EnrollmentService.class.getName());

  @Inject TenantService tenants;
  @Inject DeviceRepository devices;
  @Inject TrustService trust;

  /** Issues a token for {@code tenant/group}; the token is returned once and stored as a hash. */
  public IssuedToken issueToken(String tenant, String group, int ttlHours) {
    if (ttlHours < 1 || ttlHours > MAX_TTL_HOURS) {
      throw new TetherException(
          TetherException.Kind.INVALID,
          "ttlHours: expected 1 to " + MAX_TTL_HOURS + ", got " + ttlHours);
    }
    tenants.requireGroup(tenant, group);
    String token = Secrets.newToken();
    Instant expiresAt =
        Instant.now()
            .plus(Duration.ofHours(ttlHours))
            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    devices.persist(new EnrollmentToken(Secrets.hash(token), tenant, group, expiresAt));
    LOG.log(
        Level.INFO, "issued enrollment token for {0}/{1}, expires {2}", tenant, group, expiresAt);
    return new IssuedToken(token, expiresAt);
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
    EnrollmentToken token =
        devices
            .lockToken(Secrets.hash(request.token()))
            .orElseThrow(() -> TetherException.unauthenticated("enroll.token: unknown"));
    Instant now = Instant.now();
    String deviceId = UUID.randomUUID().toString();
    token.consume(now, deviceId);
    String credential = Secrets.newToken();
    Device device =
        new Device(
            deviceId, token.tenant, token.groupId, publicKey.toBase64(), Secrets.hash(credential));
    device.hostname = hostname;
    device.osUser = osUser;
    device.agentVersion = agentVersion;
    device.os = os;
    device.enrolledAtMillis = now.toEpochMilli();
    device.state = "ENROLLED";
    devices.persist(device);
    LOG.log(Level.INFO, "enrolled device {0} in {1}/{2}", deviceId, token.tenant, token.groupId);
    return new EnrollResponse(
        deviceId, credential, token.tenant, token.groupId, trust.enrollmentChain(token.tenant));
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
