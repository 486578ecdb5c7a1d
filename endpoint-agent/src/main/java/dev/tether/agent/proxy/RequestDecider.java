package dev.tether.agent.proxy;

import dev.tether.agent.enforce.Enforcement;
import dev.tether.agent.enforce.ProviderErrors;
import dev.tether.agent.pipeline.BodyDecoder;
import dev.tether.agent.pipeline.InspectedRequest;
import dev.tether.agent.provider.ApiCall;
import dev.tether.agent.provider.ApiFamily;
import dev.tether.agent.provider.ProviderRecognizer;
import dev.tether.core.policy.ProxySettings;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.io.IOException;

/**
 * Turns one aggregated request into an {@link Enforcement}, on a decision thread (never on an event
 * loop). Order: learn the sending app ({@link AppAttribution#await}, bounded), decode the body
 * within the policy's size and ratio bounds (a decompression bomb is refused here), recognise the
 * provider API, then:
 *
 * <ul>
 *   <li>listed AI destination: the {@link dev.tether.agent.enforce.Enforcer} decides (pipeline,
 *       durable audit, response mode);
 *   <li>unlisted host (inspect-all, or a connection without a name): an AI-shaped request is
 *       refused as {@code unrecognised_ai_endpoint} (audited); anything else is ordinary web
 *       traffic and is forwarded unchanged; a body too large to tell is refused.
 * </ul>
 *
 * <p>Never throws: any failure yields a blocking answer.
 */
final class RequestDecider {
  static final String UNRECOGNISED = "unrecognised_ai_endpoint";

  private RequestDecider() {}

  /** The request as the pipeline sees it, and what to do with it. */
  record Decided(InspectedRequest request, Enforcement enforcement) {}

  static Decided decide(
      ProxyContext context,
      InterceptTarget target,
      HttpRequest request,
      byte[] raw,
      boolean tooLarge,
      String decisionId,
      java.util.concurrent.CompletableFuture<java.util.Optional<String>> app) {
    InspectedRequest inspected =
        new InspectedRequest(
            decisionId,
            target.serverName(),
            target.provider(),
            request.method().name(),
            request.uri(),
            request.headers().get(HttpHeaderNames.CONTENT_ENCODING),
            raw,
            tooLarge,
            ApiCall.NONE,
            AppAttribution.await(app));
    try {
      return decideUnchecked(context, target, request, inspected);
    } catch (RuntimeException | StackOverflowError e) {
      return new Decided(
          inspected,
          ProviderErrors.answer(inspected, "internal_error", "Blocked by Tether: internal error"));
    }
  }

  private static Decided decideUnchecked(
      ProxyContext context, InterceptTarget target, HttpRequest request, InspectedRequest bare) {
    ProxySettings settings = context.scope().settings();
    byte[] decoded = new byte[0];
    if (!bare.bodyTooLarge() && bare.body().length > 0) {
      try {
        decoded =
            BodyDecoder.decode(
                bare.body(),
                bare.contentEncoding(),
                context.effectiveMaxBodyBytes(),
                settings.maxDecompressionRatio());
      } catch (BodyDecoder.UninspectableBodyException e) {
        return refuse(context, bare, e.code(), e.getMessage());
      } catch (IOException e) {
        if (!target.listed()) {
          return refuse(context, bare, "uninspectable_body", "request body cannot be decoded");
        }
        decoded = new byte[0]; // the detector stage sees the corrupt body and blocks it
      }
    }
    ApiCall api =
        ProviderRecognizer.recognise(
            target.provider(),
            bare.method(),
            bare.path(),
            request.headers().get(HttpHeaderNames.CONTENT_TYPE),
            decoded);
    InspectedRequest inspected =
        new InspectedRequest(
            bare.decisionId(),
            bare.host(),
            bare.provider(),
            bare.method(),
            bare.path(),
            bare.contentEncoding(),
            bare.body(),
            bare.bodyTooLarge(),
            api,
            bare.app());
    if (target.listed()) {
      return new Decided(inspected, context.enforcer().enforce(inspected));
    }
    if (inspected.bodyTooLarge()) {
      return refuse(
          context, inspected, "body_too_large", "request body exceeds the inspection limit");
    }
    boolean knownApiCall = api.family() != ApiFamily.UNKNOWN && !"GET".equals(bare.method());
    if (api.aiShaped() || knownApiCall) {
      return refuse(
          context,
          inspected,
          UNRECOGNISED,
          "request to "
              + inspected.host()
              + " looks like an AI API call, but the host is not an approved AI destination");
    }
    return new Decided(inspected, Enforcement.Forward.unchanged(inspected.decisionId()));
  }

  private static Decided refuse(
      ProxyContext context, InspectedRequest inspected, String code, String reason) {
    return new Decided(inspected, context.enforcer().refuse(inspected, code, reason));
  }
}
