package dev.tether.core.bundle;

import dev.tether.core.bundle.BundleVerificationException.Reason;
import dev.tether.core.crypto.Ed25519KeyPair;
import dev.tether.core.json.JsonCodec;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The server's clock, signed by the tenant's current signing key and sent with heartbeat responses.
 * A device keeps the latest verified value as a clock floor (see {@link
 * BundleVerifier#effectiveNow}): a local clock moved back cannot make an expired bundle valid
 * again. Replaying an older signed time only offers a lower floor, which changes nothing.
 *
 * @param format {@value #FORMAT}
 * @param tenant the tenant whose key signed it
 * @param time the server's time when it signed
 */
public record ServerTime(int format, String tenant, Instant time) {
  public static final int FORMAT = 1;
  public static final String PAYLOAD_TYPE = "application/vnd.tether.server-time+json; version=1";

  private static final int MAX_PAYLOAD_BYTES = 1024;

  public ServerTime {
    if (format != FORMAT) {
      throw new IllegalArgumentException(
          "serverTime.format: expected " + FORMAT + ", got " + format);
    }
    Identifiers.require("serverTime.tenant", tenant);
    Objects.requireNonNull(time, "serverTime.time: required");
  }

  /** Signs {@code time} for {@code tenant} with an online signing key. */
  public static SignedBundle sign(Ed25519KeyPair signingKey, String tenant, Instant time) {
    return Envelopes.seal(
        PAYLOAD_TYPE, JsonCodec.write(new ServerTime(FORMAT, tenant, time)), List.of(signingKey));
  }

  /**
   * Verifies a signed server time against the device's root: a delegated, unrevoked signing key
   * valid at the signed time itself, and the root's tenant.
   *
   * @return the server's time
   */
  public static Instant verify(SignedBundle envelope, TrustedRoot root)
      throws BundleVerificationException {
    byte[] body = Envelopes.body(envelope, PAYLOAD_TYPE, MAX_PAYLOAD_BYTES, "server time");
    ServerTime time = Envelopes.read(body, ServerTime.class, "server time");
    DelegatedSignature.require(envelope, body, root, time.time(), "server time");
    if (!time.tenant().equals(root.tenant())) {
      throw new BundleVerificationException(
          Reason.SCOPE, "server time for tenant " + time.tenant() + ", expected " + root.tenant());
    }
    return time.time();
  }
}
