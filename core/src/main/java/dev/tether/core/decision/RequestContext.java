package dev.tether.core.decision;

import java.util.Locale;
import java.util.Objects;

/**
 * What the policy mapping knows about a request besides the controls that fired: where it goes and
 * which application sent it. Carries no payload.
 *
 * @param host destination host, lowercased here
 * @param app the sending process's executable (an absolute path on the agent, or what an author
 *     typed in the simulator), or {@code null} when it is not known; matched by {@code
 *     dev.tether.core.policy.AppPattern}
 */
public record RequestContext(String host, String app) {
  /** Longest app string kept (longer ones are cut: they come from the operating system). */
  public static final int MAX_APP_CHARS = 1024;

  public RequestContext {
    Objects.requireNonNull(host, "host");
    host = host.toLowerCase(Locale.ROOT);
    if (app != null) {
      app = app.isBlank() ? null : app.strip();
      if (app != null && app.length() > MAX_APP_CHARS) {
        app = app.substring(0, MAX_APP_CHARS);
      }
    }
  }
}
