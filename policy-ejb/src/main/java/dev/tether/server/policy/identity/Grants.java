package dev.tether.server.policy.identity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Stored form of a grant list: {@code ROLE@tenant} joined by spaces, duplicates removed. */
final class Grants {
  static final int MAX_CHARS = 8000;

  private Grants() {}

  static String encode(List<RoleGrant> grants) {
    LinkedHashSet<String> parts = new LinkedHashSet<>();
    for (RoleGrant g : grants) {
      parts.add(g.encode());
    }
    String joined = String.join(" ", parts);
    if (joined.length() > MAX_CHARS) {
      throw new IllegalArgumentException("grants: too many");
    }
    return joined;
  }

  /** Decodes; a stored value that no longer parses fails closed (throws). */
  static List<RoleGrant> decode(String stored) {
    List<RoleGrant> out = new ArrayList<>();
    if (stored != null && !stored.isBlank()) {
      for (String part : stored.trim().split(" +")) {
        out.add(RoleGrant.decode(part));
      }
    }
    return List.copyOf(out);
  }

  static List<RoleGrant> distinct(List<RoleGrant> grants) {
    return List.copyOf(new LinkedHashSet<>(grants));
  }
}
