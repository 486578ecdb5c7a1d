package dev.tether.agent.provider;

import dev.tether.core.policy.Provider;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The table of modelled API paths: which family and operation a request path is, and where the path
 * carries the model (Gemini {@code models/NAME:generateContent}, Azure deployments, Copilot
 * engines). First match wins; a path prefix before {@code /v1} is allowed (gateways such as {@code
 * /openai/v1/...} or {@code /api/v1/...}).
 */
record ApiRoute(Pattern path, ApiFamily family, String operation, int modelGroup) {

  private static final String PREFIX = "(?:/[A-Za-z0-9._~-]+)*?";

  private static final List<ApiRoute> ROUTES =
      List.of(
          route(
              "/openai/deployments/([^/]+)/(chat/completions|completions|embeddings|audio/\\w+|images/\\w+)",
              ApiFamily.AZURE_OPENAI,
              null,
              1),
          route(
              "/openai(?:/v1)?/(responses|assistants|threads|files|uploads|realtime|batches|vector_stores)(?:/.*)?",
              ApiFamily.AZURE_OPENAI,
              null,
              -1),
          route(
              PREFIX
                  + "/v1(?:beta|alpha)?\\d*/(?:.*/)?(?:models|tunedModels)/([^/:]+):(generateContent|streamGenerateContent|countTokens|embedContent|batchEmbedContents)",
              ApiFamily.GEMINI,
              null,
              1),
          route("/upload/v1beta/files", ApiFamily.GEMINI, "files.upload", -1),
          route(
              PREFIX + "/v1/messages(?:/count_tokens|/batches)?",
              ApiFamily.ANTHROPIC,
              "messages",
              -1),
          route(PREFIX + "/v1/complete", ApiFamily.ANTHROPIC, "complete", -1),
          route("/api/(chat|generate|embed|embeddings)", ApiFamily.OLLAMA, null, -1),
          route("/v[12]/(chat|generate|embed|rerank|summarize)", ApiFamily.COHERE, null, -1),
          route(PREFIX + "/v1/(fim/completions|agents/completions)", ApiFamily.MISTRAL, null, -1),
          route("/v1/engines/([^/]+)/completions", ApiFamily.GITHUB_COPILOT, "completions", 1),
          route("/chat/completions", ApiFamily.GITHUB_COPILOT, "chat.completions", -1),
          route(PREFIX + "/v1/chat/completions", ApiFamily.OPENAI, "chat.completions", -1),
          route(PREFIX + "/v1/completions", ApiFamily.OPENAI, "completions", -1),
          route(PREFIX + "/v1/responses(?:/.*)?", ApiFamily.OPENAI, "responses", -1),
          route(PREFIX + "/v1/(?:assistants|threads)(?:/.*)?", ApiFamily.OPENAI, "assistants", -1),
          route(
              PREFIX + "/v1/(?:files|uploads|vector_stores)(?:/.*)?",
              ApiFamily.OPENAI,
              "files",
              -1),
          route(PREFIX + "/v1/realtime(?:/.*)?", ApiFamily.OPENAI, "realtime", -1),
          route(PREFIX + "/v1/(embeddings|moderations|batches)", ApiFamily.OPENAI, null, -1),
          route(PREFIX + "/v1/(audio/\\w+|images/\\w+)", ApiFamily.OPENAI, null, -1));

  private static ApiRoute route(String regex, ApiFamily family, String operation, int modelGroup) {
    return new ApiRoute(Pattern.compile(regex), family, operation, modelGroup);
  }

  /** A matched route with what the path said. */
  record Match(ApiFamily family, String operation, String modelFromPath) {}

  /** The route for {@code path} (query already removed) at a host of {@code provider}. */
  static Match match(String path, Provider provider) {
    if (path.length() > 2048) {
      return null;
    }
    for (ApiRoute route : ROUTES) {
      Matcher m = route.path.matcher(path);
      if (!m.matches()) {
        continue;
      }
      String operation = route.operation;
      if (operation == null) {
        int group = route.modelGroup >= 1 ? route.modelGroup + 1 : 1;
        operation = m.groupCount() >= group ? m.group(group) : "unknown";
        operation = operation.replace('/', '.');
      }
      String model = route.modelGroup >= 1 ? m.group(route.modelGroup) : null;
      return new Match(refine(route.family, provider), operation, model);
    }
    return null;
  }

  /** OpenAI-shaped paths belong to whoever serves them. */
  private static ApiFamily refine(ApiFamily family, Provider provider) {
    if (family == ApiFamily.GITHUB_COPILOT && provider != Provider.GITHUB_COPILOT) {
      return provider == Provider.OPENAI ? ApiFamily.OPENAI : ApiFamily.OPENAI_COMPATIBLE;
    }
    if (family != ApiFamily.OPENAI) {
      return family;
    }
    return switch (provider) {
      case OPENAI -> ApiFamily.OPENAI;
      case MISTRAL -> ApiFamily.MISTRAL;
      case GITHUB_COPILOT -> ApiFamily.GITHUB_COPILOT;
      default -> ApiFamily.OPENAI_COMPATIBLE;
    };
  }

  static String withoutQuery(String target) {
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    int hash = path.indexOf('#');
    path = hash < 0 ? path : path.substring(0, hash);
    return path.toLowerCase(Locale.ROOT).startsWith("http") ? pathOfAbsolute(path) : path;
  }

  private static String pathOfAbsolute(String uri) {
    int scheme = uri.indexOf("://");
    int slash = scheme < 0 ? -1 : uri.indexOf('/', scheme + 3);
    return slash < 0 ? "/" : uri.substring(slash);
  }
}
