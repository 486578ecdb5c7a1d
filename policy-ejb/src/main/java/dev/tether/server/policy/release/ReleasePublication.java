package dev.tether.server.policy.release;

/**
 * An admin's request to publish a release: {@code {"platform": "linux-amd64-deb", "version":
 * "1.4.0", "artifact": "tether-agent_1.4.0_amd64.deb", "minimumVersion": "1.0.0", "note": "..."}}.
 * The artifact must already be in {@code <data dir>/agent-releases/}; its size and SHA-256 are
 * computed by the server, never taken from the request.
 *
 * @param platform package platform slug
 * @param version semantic version, newer than the platform's last release
 * @param artifact file name in the releases directory
 * @param minimumVersion oldest version that may update to it ({@code 0.0.0} when absent)
 * @param note why (admin history), optional
 */
public record ReleasePublication(
    String platform, String version, String artifact, String minimumVersion, String note) {}
