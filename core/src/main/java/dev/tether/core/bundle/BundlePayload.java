package dev.tether.core.bundle;

import dev.tether.core.crypto.Digests;
import dev.tether.core.json.JsonCodec;
import dev.tether.core.policy.PolicyDocument;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a bundle says, once verified.
 *
 * @param format payload format version, {@value #FORMAT}
 * @param tenant the tenant the bundle is bound to
 * @param group the device group the bundle is bound to
 * @param device the one device the bundle is bound to, or {@code null} for the whole group
 * @param version strictly increasing per (tenant, group); agents refuse anything not greater than
 *     the last version they accepted
 * @param issuedAt when the server signed it
 * @param expiresAt after this instant the bundle is no longer valid (freeze protection)
 * @param contentDigest {@code sha256:<hex>} of the canonical JSON of {@code policy}
 * @param contentSize length in bytes of the canonical JSON of {@code policy}
 * @param policy the authored policy content
 */
public record BundlePayload(
    int format,
    String tenant,
    String group,
    String device,
    long version,
    Instant issuedAt,
    Instant expiresAt,
    String contentDigest,
    long contentSize,
    PolicyDocument policy) {

  public static final int FORMAT = 2;

  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  public BundlePayload {
    if (format != FORMAT) {
      throw new IllegalArgumentException("bundle.format: expected " + FORMAT + ", got " + format);
    }
    Identifiers.require("bundle.tenant", tenant);
    Identifiers.require("bundle.group", group);
    if (device != null) {
      Identifiers.require("bundle.device", device);
    }
    if (version < 1) {
      throw new IllegalArgumentException("bundle.version: expected >= 1, got " + version);
    }
    Objects.requireNonNull(issuedAt, "bundle.issuedAt: required");
    Objects.requireNonNull(expiresAt, "bundle.expiresAt: required");
    if (!expiresAt.isAfter(issuedAt)) {
      throw new IllegalArgumentException(
          "bundle.expiresAt: expected after issuedAt " + issuedAt + ", got " + expiresAt);
    }
    if (contentDigest == null || !DIGEST.matcher(contentDigest).matches()) {
      throw new IllegalArgumentException(
          "bundle.contentDigest: expected sha256:<64 hex>, got \"" + contentDigest + "\"");
    }
    if (contentSize < 2 || contentSize > SignedBundle.MAX_ENVELOPE_BYTES) {
      throw new IllegalArgumentException(
          "bundle.contentSize: expected 2 to "
              + SignedBundle.MAX_ENVELOPE_BYTES
              + ", got "
              + contentSize);
    }
    Objects.requireNonNull(policy, "bundle.policy: required");
  }

  /**
   * A payload for {@code scope} whose digest and size are computed from the validated policy.
   *
   * @throws IllegalArgumentException if the policy or any field is invalid
   */
  public static BundlePayload create(
      PolicyScope scope, long version, Instant issuedAt, Instant expiresAt, PolicyDocument policy) {
    PolicyDocument validated = policy.validated();
    byte[] content = JsonCodec.write(validated);
    return new BundlePayload(
        FORMAT,
        scope.tenant(),
        scope.group(),
        scope.device(),
        version,
        issuedAt,
        expiresAt,
        Digests.sha256(content),
        content.length,
        validated);
  }

  public PolicyScope scope() {
    return new PolicyScope(tenant, group, device);
  }
}
