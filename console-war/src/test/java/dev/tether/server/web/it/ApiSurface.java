package dev.tether.server.web.it;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.HttpMethod;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every JAX-RS resource method of the server, found by reflection over the compiled classes (so a
 * new endpoint is found without anyone listing it): HTTP method and full path under the context
 * root, as OpenAPI writes it.
 */
public final class ApiSurface {
  /** One resource method: {@code GET /api/v1/admin/tenants/{tenant}/devices}. */
  public record Endpoint(String method, String path, Method javaMethod) {
    @Override
    public String toString() {
      return method
          + " "
          + path
          + " ("
          + javaMethod.getDeclaringClass().getSimpleName()
          + "."
          + javaMethod.getName()
          + ")";
    }
  }

  private ApiSurface() {}

  /** Scans {@code classes} (a compiled output directory) for resource classes. */
  public static List<Endpoint> scan(Path classes) throws IOException, ClassNotFoundException {
    List<Class<?>> types = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = classes.relativize(file).toString();
        name = name.substring(0, name.length() - ".class".length()).replace('/', '.');
        if (!name.contains("$")) {
          types.add(Class.forName(name, false, ApiSurface.class.getClassLoader()));
        }
      }
    }
    String root =
        types.stream()
            .map(t -> t.getAnnotation(ApplicationPath.class))
            .filter(a -> a != null)
            .map(ApplicationPath::value)
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no @ApplicationPath in " + classes));
    List<Endpoint> endpoints = new ArrayList<>();
    for (Class<?> type : types) {
      jakarta.ws.rs.Path classPath = type.getAnnotation(jakarta.ws.rs.Path.class);
      if (classPath == null) {
        continue;
      }
      for (Method method : type.getMethods()) {
        String http = httpMethod(method);
        if (http == null) {
          continue;
        }
        jakarta.ws.rs.Path methodPath = method.getAnnotation(jakarta.ws.rs.Path.class);
        endpoints.add(
            new Endpoint(
                http,
                join(root, classPath.value(), methodPath == null ? "" : methodPath.value()),
                method));
      }
    }
    endpoints.sort(Comparator.comparing(Endpoint::path).thenComparing(Endpoint::method));
    return endpoints;
  }

  private static String httpMethod(Method method) {
    for (Annotation annotation : method.getAnnotations()) {
      HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
      if (http != null) {
        return http.value();
      }
    }
    return null;
  }

  /** Joins path segments, dropping template regexes ({@code {id: [0-9]+}} -> {@code {id}}). */
  public static String join(String... parts) {
    StringBuilder path = new StringBuilder();
    for (String part : parts) {
      for (String segment : part.split("/")) {
        if (!segment.isBlank()) {
          path.append('/').append(segment.replaceAll("\\{\\s*([^:}\\s]+)\\s*:[^}]*}", "{$1}"));
        }
      }
    }
    return path.length() == 0 ? "/" : path.toString();
  }
}
