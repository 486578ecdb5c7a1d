package dev.tether.server.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;

/**
 * JAX-RS root: every resource lives under {@code <context root>/api}. The server's JSON-B provider
 * is switched off so that every body goes through {@link TetherJsonProvider} (the one codec the
 * agent uses).
 *
 * <p>The OpenAPI document (served by the server at {@code /openapi}) is completed by {@link
 * OpenApiDefinitions}; every resource method must carry an {@code @Operation} summary (a test
 * checks it against the served document).
 */
@ApplicationPath("api")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Tether API",
            version = "v1",
            description =
                "Admin API (/api/v1/admin, console and policy as code) and agent API"
                    + " (/api/v1/agent). Errors are RFC 9457 application/problem+json; lists are"
                    + " paged (limit, offset, X-Total-Count, Link); mutable resources carry ETags"
                    + " and take If-Match (412 stale, 428 missing)."))
@SecuritySchemes({
  @SecurityScheme(
      securitySchemeName = OpenApiDefinitions.BEARER,
      type = SecuritySchemeType.HTTP,
      scheme = "bearer",
      description = "Admin token or a scoped API token: Authorization: Bearer <token>"),
  @SecurityScheme(
      securitySchemeName = OpenApiDefinitions.SESSION,
      type = SecuritySchemeType.APIKEY,
      in = SecuritySchemeIn.COOKIE,
      apiKeyName = "TETHER_SESSION",
      description = "Console session cookie (local or OIDC login); changes also need X-CSRF-Token"),
  @SecurityScheme(
      securitySchemeName = OpenApiDefinitions.DEVICE,
      type = SecuritySchemeType.HTTP,
      scheme = "bearer",
      description = "Device credential issued at enrollment")
})
public class TetherApplication extends Application {
  @Override
  public Map<String, Object> getProperties() {
    return Map.of("jersey.config.disableJsonb", true);
  }
}
