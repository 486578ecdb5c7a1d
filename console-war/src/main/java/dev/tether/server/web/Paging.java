package dev.tether.server.web;

import dev.tether.server.policy.Page;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Paging of admin list endpoints: {@code limit} (1 to {@value Page#MAX_LIMIT}, default {@value
 * Page#DEFAULT_LIMIT}) and {@code offset} (default 0) query parameters; responses keep their
 * documented bodies and carry {@code X-Total-Count} and an RFC 8288 {@code Link} header with {@code
 * first}, {@code prev}, {@code next} and {@code last} (each only where such a page exists), built
 * from the request URI so filters are kept.
 */
final class Paging {
  /** Response header carrying the number of matching items. */
  static final String TOTAL_COUNT = "X-Total-Count";

  private Paging() {}

  /** {@code offset} and {@code limit} parsed from the query. */
  record Request(int offset, int limit) {}

  /**
   * Parses the paging query parameters.
   *
   * @throws IllegalArgumentException naming the key and the value (400)
   */
  static Request parse(String offset, String limit) {
    int o = parseInt("offset", offset, 0);
    int l = parseInt("limit", limit, Page.DEFAULT_LIMIT);
    if (l < 1 || l > Page.MAX_LIMIT) {
      throw new IllegalArgumentException("limit: expected 1 to " + Page.MAX_LIMIT + ", got " + l);
    }
    if (o < 0) {
      throw new IllegalArgumentException("offset: expected 0 or more, got " + o);
    }
    return new Request(o, l);
  }

  /** 200 with the page's items as the body, {@code X-Total-Count} and {@code Link}. */
  static Response ok(Page<?> page, UriInfo uri) {
    return headers(Response.ok(page.items()), page.total(), page.offset(), page.limit(), uri)
        .build();
  }

  /** Adds {@code X-Total-Count} and {@code Link} to a response of one page. */
  static Response.ResponseBuilder headers(
      Response.ResponseBuilder response, long total, int offset, int limit, UriInfo uri) {
    response.header(TOTAL_COUNT, total);
    List<String> links = new ArrayList<>();
    links.add(link(uri, 0, limit, "first"));
    if (offset > 0) {
      links.add(link(uri, Math.max(0, offset - limit), limit, "prev"));
    }
    if (offset + (long) limit < total) {
      links.add(link(uri, offset + limit, limit, "next"));
    }
    long lastOffset = total == 0 ? 0 : ((total - 1) / limit) * limit;
    links.add(link(uri, lastOffset, limit, "last"));
    response.header("Link", String.join(", ", links));
    return response;
  }

  /** A {@code Link} to the next page of a cursor-paged list ({@code cursorParam=cursor}). */
  static String nextCursor(UriInfo uri, String cursorParam, Object cursor) {
    URI next = uri.getRequestUriBuilder().replaceQueryParam(cursorParam, cursor).build();
    return "<" + next + ">; rel=\"next\"";
  }

  private static String link(UriInfo uri, long offset, int limit, String rel) {
    UriBuilder builder =
        uri.getRequestUriBuilder()
            .replaceQueryParam("offset", offset)
            .replaceQueryParam("limit", limit);
    return "<" + builder.build() + ">; rel=\"" + rel + "\"";
  }

  private static int parseInt(String key, String value, int fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          key
              + ": expected an integer, got \""
              + (value.length() > 40 ? value.substring(0, 40) + "..." : value)
              + "\"");
    }
  }
}
