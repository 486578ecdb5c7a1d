package dev.tether.core.rules.eval;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Finds the fake-value generators the detector packages publish for their tests and adapts them to
 * {@link TypeGenerator}s, so the corpus covers every type as soon as a helper knows it.
 *
 * <p>The helpers are read by reflection because they are written alongside the detectors and may be
 * absent or change shape; a missing helper contributes no types (the accuracy test then reports an
 * empty corpus for that source rather than failing to compile). Shapes understood, tried in order:
 *
 * <ol>
 *   <li>a static no-argument method returning a {@code Collection<String>} of types plus a static
 *       {@code (String type, Random)} or {@code (Random, String type)} method returning a String;
 *   <li>a static no-argument method returning a {@code Map<String, ?>} from type to a {@code
 *       Function<Random, String>};
 *   <li>one public static {@code (Random) -> String} method per type, named after the type in camel
 *       case ({@code githubToken} for {@code github-token}).
 * </ol>
 */
public final class Generators {
  public static final String CREDENTIALS = "credentials";
  public static final String PERSONAL = "personal";

  static final String CREDENTIALS_HELPER = "dev.tether.core.rules.credentials.FakeCredentials";
  static final String PERSONAL_HELPER = "dev.tether.core.rules.personal.FakePersonalData";

  private Generators() {}

  /** Every generator both helpers offer, sorted by type. */
  public static List<TypeGenerator> discover() {
    List<TypeGenerator> all = new ArrayList<>(fromHelper(CREDENTIALS_HELPER, CREDENTIALS));
    all.addAll(fromHelper(PERSONAL_HELPER, PERSONAL));
    all.sort(Comparator.comparing(TypeGenerator::type));
    return List.copyOf(all);
  }

  /** The generators of one helper class, or none if the class does not exist. */
  static List<TypeGenerator> fromHelper(String className, String source) {
    Class<?> helper;
    try {
      helper = Class.forName(className);
    } catch (ClassNotFoundException absent) {
      return List.of();
    }
    List<TypeGenerator> generators = typesAndGenerate(helper, source);
    if (generators.isEmpty()) {
      generators = fromMap(helper, source);
    }
    if (generators.isEmpty()) {
      generators = perMethod(helper, source);
    }
    return generators;
  }

  private static List<TypeGenerator> typesAndGenerate(Class<?> helper, String source) {
    Method types = null;
    Method generate = null;
    boolean typeFirst = true;
    for (Method m : publicStatics(helper)) {
      Class<?>[] p = m.getParameterTypes();
      if (p.length == 0 && Collection.class.isAssignableFrom(m.getReturnType())) {
        types = m;
      } else if (p.length == 2 && m.getReturnType() == String.class) {
        if (p[0] == String.class && Random.class.isAssignableFrom(p[1])) {
          generate = m;
          typeFirst = true;
        } else if (Random.class.isAssignableFrom(p[0]) && p[1] == String.class) {
          generate = m;
          typeFirst = false;
        }
      }
    }
    if (types == null || generate == null) {
      return List.of();
    }
    Method gen = generate;
    boolean first = typeFirst;
    List<TypeGenerator> out = new ArrayList<>();
    for (Object type : (Collection<?>) invoke(types)) {
      String name = String.valueOf(type);
      out.add(
          new TypeGenerator(
              name,
              source,
              random -> (String) (first ? invoke(gen, name, random) : invoke(gen, random, name))));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static List<TypeGenerator> fromMap(Class<?> helper, String source) {
    for (Method m : publicStatics(helper)) {
      if (m.getParameterCount() == 0 && Map.class.isAssignableFrom(m.getReturnType())) {
        List<TypeGenerator> out = new ArrayList<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) invoke(m)).entrySet()) {
          Object g = e.getValue();
          Function<Random, String> f;
          if (g instanceof Function<?, ?> function) {
            f = (Function<Random, String>) function;
          } else if (g instanceof Supplier<?> supplier) {
            f = random -> (String) supplier.get();
          } else {
            continue;
          }
          out.add(new TypeGenerator(String.valueOf(e.getKey()), source, f));
        }
        return out;
      }
    }
    return List.of();
  }

  private static List<TypeGenerator> perMethod(Class<?> helper, String source) {
    List<TypeGenerator> out = new ArrayList<>();
    for (Method m : publicStatics(helper)) {
      Class<?>[] p = m.getParameterTypes();
      if (p.length == 1
          && Random.class.isAssignableFrom(p[0])
          && m.getReturnType() == String.class) {
        out.add(
            new TypeGenerator(kebab(m.getName()), source, random -> (String) invoke(m, random)));
      }
    }
    return out;
  }

  private static List<Method> publicStatics(Class<?> helper) {
    List<Method> out = new ArrayList<>();
    for (Method m : helper.getMethods()) {
      if (Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() == helper) {
        out.add(m);
      }
    }
    out.sort(Comparator.comparing(Method::getName));
    return out;
  }

  private static Object invoke(Method m, Object... args) {
    try {
      return m.invoke(null, args);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("generator helper: cannot call " + m, e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("generator helper: " + m + " threw", e.getCause());
    }
  }

  static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }
}
