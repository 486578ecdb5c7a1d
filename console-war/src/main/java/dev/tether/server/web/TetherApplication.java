package dev.tether.server.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;

/**
 * JAX-RS root: every resource lives under {@code <context root>/api}. The server's JSON-B provider
 * is switched off so that every body goes through {@link TetherJsonProvider} (the one codec the
 * agent uses).
 */
@ApplicationPath("api")
public class TetherApplication extends Application {
  @Override
  public Map<String, Object> getProperties() {
    return Map.of("jersey.config.disableJsonb", true);
  }
}
