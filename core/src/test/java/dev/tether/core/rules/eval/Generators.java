package dev.tether.core.rules.eval;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Adapts the fake-value generators the detector packages publish for their tests to {@link
 * TypeGenerator}s, so the corpus covers every type as soon as a helper knows it:
 *
 * <ul>
 *   <li>{@code credentials.FakeCredentials.samples()}: records {@code (detectorId, type,
 *       standalone, generator, contextTemplate)}, the template holding one {@code {secret}} slot;
 *   <li>{@code personal.FakePersonalData.positives()}: records {@code (type, detectorId, value,
 *       templates)} whose {@code sample(Random)} gives a labelled text (the label may be wider than
 *       the value, e.g. a whole medical record), and {@code hardNegatives()}: records {@code (note,
 *       text)}.
 * </ul>
 *
 * <p>The helpers are read by reflection because they are written alongside the detectors and may be
 * absent from a given commit; a missing helper contributes nothing.
 */
public final class Generators {
  public static final String CREDENTIALS = "credentials";
  public static final String PERSONAL = "personal";

  static final String CREDENTIALS_HELPER = "dev.tether.core.rules.credentials.FakeCredentials";
  static final String PERSONAL_HELPER = "dev.tether.core.rules.personal.FakePersonalData";
  private static final String SLOT = "{secret}";

  private Generators() {}

  /** A look-alike the personal-data helper says must not be reported. */
  public record Negative(String note, Function<Random, String> text) {}

  /** Every generator both helpers offer, sorted by detector id. */
  public static List<TypeGenerator> discover() {
    List<TypeGenerator> all = new ArrayList<>(credentials());
    all.addAll(personal());
    all.sort(Comparator.comparing(TypeGenerator::detectorId).thenComparing(TypeGenerator::type));
    return List.copyOf(all);
  }

  /** The personal-data helper's hard negatives, or none. */
  public static List<Negative> personalNegatives() {
    Class<?> helper = load(PERSONAL_HELPER);
    if (helper == null) {
      return List.of();
    }
    List<Negative> out = new ArrayList<>();
    for (Object n : (List<?>) callStatic(helper, "hardNegatives")) {
      out.add(new Negative((String) call(n, "note"), function(call(n, "text"))));
    }
    return out;
  }

  private static List<TypeGenerator> credentials() {
    Class<?> helper = load(CREDENTIALS_HELPER);
    if (helper == null) {
      return List.of();
    }
    List<TypeGenerator> out = new ArrayList<>();
    for (Object s : (List<?>) callStatic(helper, "samples")) {
      Function<Random, String> value = function(call(s, "generator"));
      String template = (String) call(s, "contextTemplate");
      int at = template.indexOf(SLOT);
      Function<Random, TypeGenerator.Snippet> own =
          random -> {
            String v = value.apply(random);
            String text = template.substring(0, at) + v + template.substring(at + SLOT.length());
            return new TypeGenerator.Snippet(text, at, at + v.length());
          };
      out.add(
          new TypeGenerator(
              (String) call(s, "type"),
              (String) call(s, "detectorId"),
              CREDENTIALS,
              (Boolean) call(s, "standalone"),
              value,
              own));
    }
    return out;
  }

  private static List<TypeGenerator> personal() {
    Class<?> helper = load(PERSONAL_HELPER);
    if (helper == null) {
      return List.of();
    }
    List<TypeGenerator> out = new ArrayList<>();
    for (Object g : (List<?>) callStatic(helper, "positives")) {
      List<?> templates = (List<?>) call(g, "templates");
      // A template with span marks labels more than the value (a whole record): the bare value
      // alone is not that type, so it is only used inside the helper's templates.
      boolean wider = templates.stream().anyMatch(t -> String.valueOf(t).contains("\u00ab"));
      Function<Random, TypeGenerator.Snippet> own =
          random -> {
            Object sample = call(g, "sample", random);
            return new TypeGenerator.Snippet(
                (String) call(sample, "text"),
                (Integer) call(sample, "start"),
                (Integer) call(sample, "end"));
          };
      out.add(
          new TypeGenerator(
              (String) call(g, "type"),
              (String) call(g, "detectorId"),
              PERSONAL,
              !wider,
              function(call(g, "value")),
              own));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Function<Random, String> function(Object f) {
    return (Function<Random, String>) f;
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException absent) {
      return null;
    }
  }

  private static Object call(Object target, String method, Object... args) {
    return invoke(target.getClass(), target, method, args);
  }

  private static Object callStatic(Class<?> type, String method, Object... args) {
    return invoke(type, null, method, args);
  }

  private static Object invoke(Class<?> type, Object target, String method, Object... args) {
    for (Method m : type.getMethods()) {
      if (m.getName().equals(method) && m.getParameterCount() == args.length) {
        try {
          return m.invoke(target, args);
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("generator helper: cannot call " + m, e);
        } catch (InvocationTargetException e) {
          throw new IllegalStateException("generator helper: " + m + " threw", e.getCause());
        }
      }
    }
    throw new IllegalStateException(
        "generator helper: " + type.getName() + " has no method " + method + "/" + args.length);
  }
}
