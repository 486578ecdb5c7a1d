package dev.tether.server.web;

import dev.tether.server.policy.identity.OpenedSession;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The admin session cookie: {@code TETHER_SESSION=<id>; Path=<context root>; HttpOnly;
 * SameSite=Strict}, plus {@code Secure} when the request came over HTTPS. No Max-Age: the browser
 * drops it on exit, the server ends the session at its idle or absolute timeout anyway. The OIDC
 * sign-in sets it the same way through {@link #set}.
 */
public final class SessionCookies {
  /** Cookie name. */
  public static final String NAME = "TETHER_SESSION";

  private SessionCookies() {}

  /** The Set-Cookie value carrying {@code session}'s id. */
  public static String set(HttpServletRequest request, OpenedSession session) {
    return NAME + "=" + session.id() + attributes(request);
  }

  /** A Set-Cookie value that deletes the cookie. */
  public static String clear(HttpServletRequest request) {
    return NAME + "=; Max-Age=0" + attributes(request);
  }

  private static String attributes(HttpServletRequest request) {
    String path = request.getContextPath();
    return "; Path="
        + (path == null || path.isEmpty() ? "/" : path)
        + "; HttpOnly; SameSite=Strict"
        + (request.isSecure() ? "; Secure" : "");
  }
}
