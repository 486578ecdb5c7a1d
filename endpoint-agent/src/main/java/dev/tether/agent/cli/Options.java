package dev.tether.agent.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code --key value} / {@code --key=value} options of one command, checked against the allowed
 * keys.
 */
final class Options {
  private final Map<String, List<String>> values = new LinkedHashMap<>();

  private Options() {}

  static Options parse(
      String command, List<String> args, Set<String> allowed, Set<String> repeatable) {
    Options options = new Options();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException(command + ": unexpected argument \"" + arg + "\"");
      }
      String key = arg.substring(2);
      String value;
      int eq = key.indexOf('=');
      if (eq >= 0) {
        value = key.substring(eq + 1);
        key = key.substring(0, eq);
      } else {
        if (i + 1 >= args.size()) {
          throw new IllegalArgumentException(key + ": expected a value after --" + key);
        }
        value = args.get(++i);
      }
      if (!allowed.contains(key)) {
        throw new IllegalArgumentException(
            command
                + ": unknown option --"
                + key
                + " (allowed: --"
                + String.join(", --", allowed)
                + ")");
      }
      List<String> list = options.values.computeIfAbsent(key, k -> new ArrayList<>());
      if (!list.isEmpty() && !repeatable.contains(key)) {
        throw new IllegalArgumentException(key + ": given more than once");
      }
      list.add(value);
    }
    return options;
  }

  String get(String key) {
    List<String> list = values.get(key);
    return list == null ? null : list.get(0);
  }

  List<String> all(String key) {
    return values.getOrDefault(key, List.of());
  }
}
