package dev.tether.agent.enforce;

import dev.tether.agent.pipeline.InspectedRequest;
import dev.tether.core.crypto.Digests;
import java.util.Objects;

/**
 * What makes a retry "the same request" for Coach and Request: the content digest of the body as
 * sent, the OS user and the destination host. A changed prompt, another user or another destination
 * is a new request and is decided afresh.
 */
public record RequestKey(String contentDigest, String user, String host) {
  public RequestKey {
    Objects.requireNonNull(contentDigest, "contentDigest");
    Objects.requireNonNull(host, "host");
    user = user == null ? "" : user;
  }

  /** The key of {@code request} sent by {@code user}. */
  public static RequestKey of(InspectedRequest request, String user) {
    return new RequestKey(Digests.sha256(request.body()), user, request.host());
  }
}
