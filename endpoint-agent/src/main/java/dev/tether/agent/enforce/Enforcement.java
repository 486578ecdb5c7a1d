package dev.tether.agent.enforce;

import java.util.Map;
import java.util.Objects;

/**
 * What the proxy must do with one intercepted request, once the decision is made and audited. This
 * is the whole contract between enforcement and the proxy: the proxy never looks at policy,
 * findings or modes, it only carries out one of these.
 *
 * <p>Every {@link dev.tether.core.policy.ResponseMode} maps onto exactly one of the two: Allow,
 * Warn, Watermark and Redact forward (possibly with a rewritten body and a response rewriter);
 * Block, Coach and Request answer locally with a provider-shaped error and never contact upstream.
 */
public sealed interface Enforcement permits Enforcement.Forward, Enforcement.Answer {

  /** The decision id shared by every audit record of this request. */
  String decisionId();

  /**
   * Forward the request upstream.
   *
   * @param decisionId the decision id
   * @param replacementBody the body to send instead of the original (already re-encoded to the
   *     request's {@code Content-Encoding}), or {@code null} to send the original bytes unchanged
   * @param responseRewriter applied to the upstream response body as it streams back (for example,
   *     mapping Redact placeholders back); {@link ResponseRewriter#IDENTITY} if none
   */
  record Forward(String decisionId, byte[] replacementBody, ResponseRewriter responseRewriter)
      implements Enforcement {
    public Forward {
      Objects.requireNonNull(decisionId, "decisionId");
      Objects.requireNonNull(responseRewriter, "responseRewriter");
    }

    /** Forward unchanged. */
    public static Forward unchanged(String decisionId) {
      return new Forward(decisionId, null, ResponseRewriter.IDENTITY);
    }
  }

  /**
   * Answer the client locally; nothing is sent upstream.
   *
   * @param decisionId the decision id
   * @param status HTTP status code
   * @param contentType the response's content type (e.g. {@code application/json})
   * @param body the complete response body (a provider-shaped error)
   * @param headers extra response headers (e.g. {@code x-tether-decision})
   */
  record Answer(
      String decisionId, int status, String contentType, byte[] body, Map<String, String> headers)
      implements Enforcement {
    public Answer {
      Objects.requireNonNull(decisionId, "decisionId");
      Objects.requireNonNull(contentType, "contentType");
      Objects.requireNonNull(body, "body");
      headers = Map.copyOf(headers);
      if (status < 400 || status > 599) {
        throw new IllegalArgumentException("status: expected 4xx or 5xx, got " + status);
      }
    }
  }
}
