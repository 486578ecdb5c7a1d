package dev.tether.server.web.console;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Console delivery: sends {@code /console} to {@code /console/}, and marks console pages {@code
 * no-store} (a signed-out browser's back button shows nothing cached) and static assets {@code
 * no-cache} (revalidated on every use, so a deployment is picked up at once). The Content Security
 * Policy and the other security headers come from {@code SecurityHeaders}, on every response.
 */
@WebFilter(urlPatterns = {"/console", "/console/*"})
public class ConsoleHeadersFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.equals("/console")) {
      response.sendRedirect(request.getContextPath() + "/console/");
      return;
    }
    boolean page = path.endsWith("/") || path.endsWith(".html");
    response.setHeader("Cache-Control", page ? "no-store" : "no-cache");
    chain.doFilter(request, response);
  }
}
