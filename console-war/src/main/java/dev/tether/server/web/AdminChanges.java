package dev.tether.server.web;

import dev.tether.core.json.JsonCodec;
import jakarta.enterprise.context.RequestScoped;
import java.nio.charset.StandardCharsets;

/**
 * The state before and after an admin action, set by the resource that performed it and written
 * into the admin action log by {@link AdminActionRecorder}. Callers pass value records that never
 * hold secrets (tokens, passwords, session ids are left out by construction).
 */
@RequestScoped
public class AdminChanges {
  private String before;
  private String after;

  /** Records the states (either may be null); JSON-encoded with the API's codec. */
  public void record(Object beforeState, Object afterState) {
    before = json(beforeState);
    after = json(afterState);
  }

  String before() {
    return before;
  }

  String after() {
    return after;
  }

  private static String json(Object value) {
    return value == null ? null : new String(JsonCodec.write(value), StandardCharsets.UTF_8);
  }
}
