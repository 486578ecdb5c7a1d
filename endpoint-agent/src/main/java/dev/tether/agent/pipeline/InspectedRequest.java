package dev.tether.agent.pipeline;

import dev.tether.agent.provider.ApiCall;
import dev.tether.core.policy.Provider;
import java.util.Objects;

/**
 * An intercepted request, fully read (bounded), ready for the pipeline. Holds the body as it came
 * on the wire; the detector stage decodes it. Never logged, never audited as content.
 *
 * @param decisionId id shared by every audit record of this decision
 * @param host destination host (lowercase)
 * @param provider the AI provider recognised at that host
 * @param method HTTP method
 * @param path request target (path and query)
 * @param contentEncoding the {@code Content-Encoding} header, or {@code null}
 * @param body the request body as received (possibly compressed)
 * @param bodyTooLarge true if the body exceeded the aggregation bound and was discarded
 * @param api what the provider recognition found in the request (API family, operation, model,
 *     prompt text, attachments with decoded text, tool payloads; {@link ApiCall#NONE} if nothing)
 * @param app the application (executable path) that sent the request when the OS attributed the
 *     connection (transparent mode, and explicit-proxy connections through {@code
 *     intercept.ProcessApps}), else {@code null}; never its command line. Policy overrides may name
 *     it ({@code responses.overrides[].app}) and audit records carry it
 */
public record InspectedRequest(
    String decisionId,
    String host,
    Provider provider,
    String method,
    String path,
    String contentEncoding,
    byte[] body,
    boolean bodyTooLarge,
    ApiCall api,
    String app) {
  public InspectedRequest {
    Objects.requireNonNull(decisionId, "decisionId");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    body = body == null ? new byte[0] : body;
    api = api == null ? ApiCall.NONE : api;
    if (app != null && (app.isBlank() || app.equals("?"))) {
      app = null;
    }
    if (app != null && app.length() > MAX_APP) {
      app = "…" + app.substring(app.length() - MAX_APP + 1);
    }
  }

  /** Longest application path kept (the audit record's field bound); longer ones keep the tail. */
  public static final int MAX_APP = 255;

  /** A request with provider recognition, without an attributed application. */
  public InspectedRequest(
      String decisionId,
      String host,
      Provider provider,
      String method,
      String path,
      String contentEncoding,
      byte[] body,
      boolean bodyTooLarge,
      ApiCall api) {
    this(decisionId, host, provider, method, path, contentEncoding, body, bodyTooLarge, api, null);
  }

  /** This request attributed to {@code application} (an executable path, or {@code null}). */
  public InspectedRequest withApp(String application) {
    return new InspectedRequest(
        decisionId,
        host,
        provider,
        method,
        path,
        contentEncoding,
        body,
        bodyTooLarge,
        api,
        application);
  }

  /** A request without provider recognition ({@link ApiCall#NONE}). */
  public InspectedRequest(
      String decisionId,
      String host,
      Provider provider,
      String method,
      String path,
      String contentEncoding,
      byte[] body,
      boolean bodyTooLarge) {
    this(decisionId, host, provider, method, path, contentEncoding, body, bodyTooLarge, null, null);
  }

  @Override
  public String toString() {
    return "InspectedRequest[decision="
        + decisionId
        + ", host="
        + host
        + ", "
        + method
        + ", body="
        + body.length
        + " bytes, "
        + api
        + "]";
  }
}
