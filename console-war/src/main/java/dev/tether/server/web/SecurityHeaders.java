package dev.tether.server.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Security headers on every response of the application (API and console pages), set before the
 * request is handled so that errors carry them too:
 *
 * <ul>
 *   <li>{@code Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self';
 *       img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self';
 *       frame-ancestors 'none'} (no inline script, no framing);
 *   <li>{@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY}, {@code
 *       Referrer-Policy: no-referrer}, {@code Cross-Origin-Opener-Policy: same-origin}, {@code
 *       Permissions-Policy} denying camera, microphone, geolocation;
 *   <li>{@code Strict-Transport-Security: max-age=31536000; includeSubDomains} on HTTPS requests;
 *   <li>{@code Cache-Control: no-store} (and {@code Pragma: no-cache}) on {@code /api/} responses.
 * </ul>
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class SecurityHeaders implements Filter {
  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (req instanceof HttpServletRequest request && res instanceof HttpServletResponse response) {
      response.setHeader("Content-Security-Policy", CSP);
      response.setHeader("X-Content-Type-Options", "nosniff");
      response.setHeader("X-Frame-Options", "DENY");
      response.setHeader("Referrer-Policy", "no-referrer");
      response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
      response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
      if (request.isSecure()) {
        response.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
      }
      String path = request.getRequestURI().substring(request.getContextPath().length());
      if (path.startsWith("/api/")) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
      }
    }
    chain.doFilter(req, res);
  }
}
