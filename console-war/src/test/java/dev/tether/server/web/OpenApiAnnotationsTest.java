package dev.tether.server.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.server.web.it.ApiSurface;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.junit.jupiter.api.Test;

/**
 * Fast check (no server) that every JAX-RS resource method carries an {@code @Operation} summary;
 * {@code ApiContractIT} checks the served document itself.
 */
class OpenApiAnnotationsTest {
  @Test
  void everyResourceMethod_hasOperationSummary() throws Exception {
    List<ApiSurface.Endpoint> endpoints = ApiSurface.scan(Path.of("target/classes"));
    assertTrue(endpoints.size() >= 30, "found " + endpoints.size());
    List<String> undocumented =
        endpoints.stream()
            .filter(
                e -> {
                  Operation op = e.javaMethod().getAnnotation(Operation.class);
                  return op == null || op.summary().isBlank();
                })
            .map(Object::toString)
            .toList();
    assertEquals(
        List.of(),
        undocumented,
        "add @Operation(summary = ...) and @APIResponse for each status (see OpenApiDefinitions)");
  }

  @Test
  void scan_pathTemplatesWithRegex_normalised() {
    assertEquals("/api/v1/x/{id}", ApiSurface.join("api", "/v1/x/", "{id: [0-9]+}"));
  }
}
