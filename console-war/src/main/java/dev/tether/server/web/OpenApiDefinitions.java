package dev.tether.server.web;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Completes the generated OpenAPI document (registered as {@code mp.openapi.filter} in {@code
 * META-INF/microprofile-config.properties}) so that rules hold for every operation without
 * repeating them on each method:
 *
 * <ul>
 *   <li>every error response (4xx, 5xx, default) is {@code application/problem+json} with the
 *       {@code Problem} schema (RFC 9457);
 *   <li>every admin operation ({@code /api/v1/admin/...}) requires the {@value #BEARER} scheme
 *       (admin or API token) or the {@value #SESSION} scheme (console session cookie).
 * </ul>
 *
 * The security schemes themselves are declared on {@link TetherApplication}.
 */
public class OpenApiDefinitions implements OASFilter {
  /** Bearer token scheme of the admin API (admin token, API tokens). */
  public static final String BEARER = "bearer";

  /** Console session cookie scheme of the admin API. */
  public static final String SESSION = "session";

  /** Device credential (bearer) scheme of the agent API. */
  public static final String DEVICE = "deviceCredential";

  /** Name of the problem schema in {@code components/schemas}. */
  public static final String PROBLEM_SCHEMA = "Problem";

  static final String ADMIN_PREFIX = "/api/v1/admin";

  @Override
  public void filterOpenAPI(OpenAPI openApi) {
    if (openApi.getComponents() == null) {
      openApi.setComponents(OASFactory.createComponents());
    }
    openApi.getComponents().addSchema(PROBLEM_SCHEMA, problemSchema());
    if (openApi.getTags() != null) {
      // Several resources share a tag (e.g. agent); list each tag once, keeping its description.
      Map<String, org.eclipse.microprofile.openapi.models.tags.Tag> unique =
          new java.util.LinkedHashMap<>();
      for (var tag : openApi.getTags()) {
        unique.merge(tag.getName(), tag, (a, b) -> a.getDescription() != null ? a : b);
      }
      openApi.setTags(new java.util.ArrayList<>(unique.values()));
    }
    if (openApi.getPaths() == null || openApi.getPaths().getPathItems() == null) {
      return;
    }
    uniqueOperationIds(openApi);
    for (Map.Entry<String, PathItem> path : openApi.getPaths().getPathItems().entrySet()) {
      boolean admin = path.getKey().contains(ADMIN_PREFIX + "/");
      for (Operation operation : path.getValue().getOperations().values()) {
        if (admin && (operation.getSecurity() == null || operation.getSecurity().isEmpty())) {
          operation.setSecurity(
              List.of(
                  OASFactory.createSecurityRequirement().addScheme(BEARER),
                  OASFactory.createSecurityRequirement().addScheme(SESSION)));
        }
        if (operation.getResponses() == null
            || operation.getResponses().getAPIResponses() == null) {
          continue;
        }
        for (Map.Entry<String, APIResponse> response :
            operation.getResponses().getAPIResponses().entrySet()) {
          if (isError(response.getKey())) {
            response.getValue().setContent(problemContent());
          }
        }
      }
    }
  }

  /**
   * Operation ids default to Java method names, which repeat across resources ({@code list}, {@code
   * create}); a repeated id gets its first tag as a prefix ({@code usersList}), and a counter if
   * that still repeats, so every id is unique as OpenAPI requires.
   */
  private static void uniqueOperationIds(OpenAPI openApi) {
    Map<String, Integer> counts = new java.util.HashMap<>();
    List<Operation> operations = new java.util.ArrayList<>();
    for (PathItem item : openApi.getPaths().getPathItems().values()) {
      operations.addAll(item.getOperations().values());
    }
    for (Operation operation : operations) {
      if (operation.getOperationId() != null) {
        counts.merge(operation.getOperationId(), 1, Integer::sum);
      }
    }
    java.util.Set<String> used = new java.util.HashSet<>(counts.keySet());
    for (Operation operation : operations) {
      String id = operation.getOperationId();
      if (id == null || counts.get(id) < 2) {
        continue;
      }
      String tag =
          operation.getTags() == null || operation.getTags().isEmpty()
              ? "op"
              : operation.getTags().get(0);
      String base = camel(tag) + Character.toUpperCase(id.charAt(0)) + id.substring(1);
      String unique = base;
      for (int n = 2; used.contains(unique); n++) {
        unique = base + n;
      }
      used.add(unique);
      operation.setOperationId(unique);
    }
  }

  private static String camel(String tag) {
    StringBuilder out = new StringBuilder();
    boolean upper = false;
    for (char c : tag.toCharArray()) {
      if (!Character.isLetterOrDigit(c)) {
        upper = out.length() > 0;
        continue;
      }
      out.append(upper ? Character.toUpperCase(c) : c);
      upper = false;
    }
    return out.length() == 0 ? "op" : out.toString();
  }

  static boolean isError(String code) {
    return code.equals("default") || code.startsWith("4") || code.startsWith("5");
  }

  private static Content problemContent() {
    MediaType media =
        OASFactory.createMediaType()
            .schema(OASFactory.createSchema().ref("#/components/schemas/" + PROBLEM_SCHEMA));
    return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, media);
  }

  private static Schema problemSchema() {
    Schema violation =
        OASFactory.createSchema()
            .type(Schema.SchemaType.OBJECT)
            .addProperty(
                "path",
                OASFactory.createSchema()
                    .type(Schema.SchemaType.STRING)
                    .description("JSON Pointer into the submitted document"))
            .addProperty(
                "key",
                OASFactory.createSchema()
                    .type(Schema.SchemaType.STRING)
                    .description("key as named in messages"))
            .addProperty("message", OASFactory.createSchema().type(Schema.SchemaType.STRING));
    return OASFactory.createSchema()
        .type(Schema.SchemaType.OBJECT)
        .description("RFC 9457 problem detail; never carries a secret, payload or stack trace")
        .addProperty("type", OASFactory.createSchema().type(Schema.SchemaType.STRING))
        .addProperty("title", OASFactory.createSchema().type(Schema.SchemaType.STRING))
        .addProperty("status", OASFactory.createSchema().type(Schema.SchemaType.INTEGER))
        .addProperty(
            "detail",
            OASFactory.createSchema()
                .type(Schema.SchemaType.STRING)
                .description("what was wrong, naming the key and the value"))
        .addProperty(
            "errors",
            OASFactory.createSchema()
                .type(Schema.SchemaType.ARRAY)
                .items(violation)
                .description("validation problems only: every error found"))
        .required(List.of("type", "title", "status"));
  }
}
