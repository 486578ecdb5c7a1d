package dev.tether.server.web.it;

import dev.tether.server.policy.identity.Role;
import dev.tether.server.web.AdminOnly;
import dev.tether.server.web.Requires;
import dev.tether.server.web.SignedIn;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every admin endpoint of the web module, found by reflection over the compiled resource classes
 * (so a new endpoint is included without editing a list): each JAX-RS method of a class or method
 * marked {@link AdminOnly}, with its HTTP method, path template and access rule.
 */
public final class AdminEndpoints {
  private static final String PACKAGE = "dev.tether.server.web";

  /** One endpoint; {@code requires} null when it is {@link SignedIn} (or has no rule). */
  public record Endpoint(String method, String path, Role requires, boolean signedIn, Method java) {
    @Override
    public String toString() {
      return method
          + " "
          + path
          + " ("
          + java.getDeclaringClass().getSimpleName()
          + "."
          + java.getName()
          + ")";
    }

    /** The path with every template parameter replaced: {tenant}, {group} and others. */
    public String resolve(java.util.Map<String, String> values) {
      StringBuilder out = new StringBuilder();
      int i = 0;
      while (i < path.length()) {
        char c = path.charAt(i);
        if (c == '{') {
          int end = path.indexOf('}', i);
          String name = path.substring(i + 1, end).split(":")[0].trim();
          out.append(values.getOrDefault(name, "x-" + name));
          i = end + 1;
        } else {
          out.append(c);
          i++;
        }
      }
      return out.toString();
    }
  }

  private AdminEndpoints() {}

  /** All admin endpoints, sorted by path and method. */
  public static List<Endpoint> all() {
    List<Endpoint> out = new ArrayList<>();
    for (Class<?> type : classes()) {
      Path root = type.getAnnotation(Path.class);
      if (root == null) {
        continue;
      }
      boolean classAdmin = type.isAnnotationPresent(AdminOnly.class);
      for (Method m : type.getMethods()) {
        String http = httpMethod(m);
        if (http == null || !(classAdmin || m.isAnnotationPresent(AdminOnly.class))) {
          continue;
        }
        Path sub = m.getAnnotation(Path.class);
        String path = join(root.value(), sub == null ? "" : sub.value());
        Requires r = m.getAnnotation(Requires.class);
        if (r == null) {
          r = type.getAnnotation(Requires.class);
        }
        boolean signedIn =
            m.isAnnotationPresent(SignedIn.class) || type.isAnnotationPresent(SignedIn.class);
        out.add(new Endpoint(http, path, r == null ? null : r.value(), signedIn, m));
      }
    }
    out.sort(Comparator.comparing(Endpoint::path).thenComparing(Endpoint::method));
    return out;
  }

  private static String httpMethod(Method m) {
    for (Annotation a : m.getAnnotations()) {
      HttpMethod h = a.annotationType().getAnnotation(HttpMethod.class);
      if (h != null) {
        return h.value();
      }
    }
    return null;
  }

  private static String join(String a, String b) {
    String left = a.replaceAll("^/+|/+$", "");
    String right = b.replaceAll("^/+|/+$", "");
    return right.isEmpty() ? left : left + "/" + right;
  }

  private static List<Class<?>> classes() {
    URL dir = AdminOnly.class.getResource("AdminOnly.class");
    try (Stream<java.nio.file.Path> files = Files.list(Paths.get(dir.toURI()).getParent())) {
      List<Class<?>> out = new ArrayList<>();
      for (java.nio.file.Path f : files.toList()) {
        String name = f.getFileName().toString();
        if (name.endsWith(".class") && !name.contains("$")) {
          out.add(Class.forName(PACKAGE + "." + name.substring(0, name.length() - 6)));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException | ClassNotFoundException e) {
      throw new IllegalStateException("cannot list " + PACKAGE, e);
    }
  }
}
