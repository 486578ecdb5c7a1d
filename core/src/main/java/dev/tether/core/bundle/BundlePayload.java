package dev.tether.core.bundle;

import dev.tether.core.policy.PolicyDocument;
import java.time.Instant;
import java.util.Objects;

/**
 * What a bundle says, once verified.
 *
 * @param format payload format version, {@value #FORMAT}
 * @param tenant the tenant the bundle is bound to
 * @param group the device group the bundle is bound to
 * @param version strictly increasing per (tenant, group); agents refuse anything not greater than
 *     the last version they accepted
 * @param issuedAt when the server signed it
 * @param expiresAt after this instant the bundle is no longer valid (freeze protection)
 * @param policy the authored policy content
 */
public record BundlePayload(
    int format,
    String tenant,
    String group,
    long version,
    Instant issuedAt,
    Instant expiresAt,
    PolicyDocument policy) {

  public static final int FORMAT = 1;

  public BundlePayload {
    if (format != FORMAT) {
      throw new IllegalArgumentException("bundle.format: expected " + FORMAT + ", got " + format);
    }
    Identifiers.require("bundle.tenant", tenant);
    Identifiers.require("bundle.group", group);
    if (version < 1) {
      throw new IllegalArgumentException("bundle.version: expected >= 1, got " + version);
    }
    Objects.requireNonNull(issuedAt, "bundle.issuedAt: required");
    Objects.requireNonNull(expiresAt, "bundle.expiresAt: required");
    if (!expiresAt.isAfter(issuedAt)) {
      throw new IllegalArgumentException(
          "bundle.expiresAt: expected after issuedAt " + issuedAt + ", got " + expiresAt);
    }
    Objects.requireNonNull(policy, "bundle.policy: required");
  }

  public PolicyScope scope() {
    return new PolicyScope(tenant, group);
  }
}
