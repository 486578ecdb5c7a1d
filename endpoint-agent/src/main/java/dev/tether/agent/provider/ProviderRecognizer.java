package dev.tether.agent.provider;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tether.core.policy.Provider;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Recognises the API an intercepted request speaks and extracts model, prompt text, files and tool
 * payloads. Works on the decoded body (see {@code BodyDecoder}). Never throws: anything it cannot
 * read yields what it could read, and the detectors scan the full body regardless.
 */
public final class ProviderRecognizer {
  private ProviderRecognizer() {}

  /**
   * @param provider the vendor of the destination host ({@link Provider#GENERIC} if unknown)
   * @param method HTTP method
   * @param target request target (path and query, or an absolute URI)
   * @param contentType the request's {@code Content-Type}, or {@code null}
   * @param decodedBody the body with content codings removed
   */
  public static ApiCall recognise(
      Provider provider, String method, String target, String contentType, byte[] decodedBody) {
    try {
      return recogniseUnchecked(provider, method, target, contentType, decodedBody);
    } catch (RuntimeException | StackOverflowError e) {
      return ApiCall.unparsed(ApiFamily.UNKNOWN, "unknown");
    }
  }

  private static ApiCall recogniseUnchecked(
      Provider provider, String method, String target, String contentType, byte[] body) {
    String path = ApiRoute.withoutQuery(target == null ? "/" : target);
    ApiRoute.Match route = ApiRoute.match(path, provider);
    ApiFamily family = route == null ? ApiFamily.UNKNOWN : route.family();
    String operation = route == null ? "unknown" : route.operation();
    Extraction out = new Extraction();
    if (route != null) {
      out.model(route.modelFromPath());
    }
    boolean aiShaped = false;
    String boundary = Multipart.boundary(contentType);
    if (boundary != null) {
      aiShaped = multipart(body, boundary, out);
      if ("files".equals(operation) && "POST".equalsIgnoreCase(method)) {
        operation = "files.upload";
      }
    } else if (isForm(contentType)) {
      String text = new String(body, StandardCharsets.UTF_8);
      out.prompt(java.net.URLDecoder.decode(text.replace("+", "%20"), StandardCharsets.UTF_8));
    } else {
      JsonNode root = JsonBodies.parse(body);
      JsonBodies.extract(root, out);
      aiShaped = JsonBodies.aiShaped(root);
      if (root == null && body.length > 0 && route != null) {
        return ApiCall.unparsed(family, operation);
      }
    }
    if (path.endsWith(":streamGenerateContent")) {
      out.streaming = true;
    }
    return out.build(family, operation, aiShaped);
  }

  /** Multipart parts: files become attachments, text fields prompts; true if it names a model. */
  private static boolean multipart(byte[] body, String boundary, Extraction out) {
    boolean model = false;
    boolean file = false;
    for (Multipart.Part part : Multipart.parse(body, boundary)) {
      String text = DataUrls.textOrNull(part.body());
      if (part.filename() != null) {
        file = true;
        out.attachment(
            new Attachment(part.filename(), part.contentType(), part.body().length, text));
      } else if ("model".equals(part.name()) && text != null) {
        model = true;
        out.model(text.trim());
      } else if (text != null) {
        out.prompt(text);
      } else {
        out.attachment(
            new Attachment(
                part.name() == null ? "part" : part.name(),
                part.contentType(),
                part.body().length,
                null));
      }
    }
    return model && file;
  }

  private static boolean isForm(String contentType) {
    return contentType != null
        && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
  }
}
