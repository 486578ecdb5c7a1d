package dev.tether.server.web.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Serves the console with a strict Content Security Policy and the other browser security headers,
 * and sends {@code /console} to {@code /console/}.
 *
 * <p>Guarantees: every response under {@code /console/} carries {@value #CSP} (no inline script or
 * style, no third-party origin, no framing, forms post only to this origin), {@code nosniff},
 * {@code no-referrer} and {@code no-store} for HTML (a signed-out browser's back button shows
 * nothing cached). Static assets may be cached but are revalidated on every use.
 */
@WebFilter(urlPatterns = {"/console", "/console/*"})
public class ConsoleHeadersFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  /** The console's Content Security Policy. */
  public static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self';"
          + " form-action 'self'; frame-ancestors 'none'";

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.equals("/console")) {
      response.sendRedirect(request.getContextPath() + "/console/");
      return;
    }
    response.setHeader("Content-Security-Policy", CSP);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    boolean page = path.endsWith("/") || path.endsWith(".html");
    response.setHeader("Cache-Control", page ? "no-store" : "no-cache");
    chain.doFilter(request, response);
  }
}
