package dev.tether.server.policy.identity;

import java.time.Instant;
import java.util.Objects;

/**
 * One audited admin action: who ({@code actor}, {@code actorKind}), what ({@code method}, {@code
 * resource}, {@code tenant}), when ({@code at}), the outcome and HTTP status, and the state before
 * and after (JSON, e.g. a policy diff or a role change; each at most {@value #MAX_CHANGE_CHARS}
 * characters, cut with a marker). Never contains a secret (passwords, tokens, session ids).
 */
public record AdminActionRecord(
    Long id,
    Instant at,
    String actor,
    String actorKind,
    String method,
    String resource,
    String tenant,
    int status,
    Outcome outcome,
    String before,
    String after,
    String detail,
    String clientAddress) {
  public static final int MAX_CHANGE_CHARS = 65_536;

  /** How the action ended. */
  public enum Outcome {
    /** 2xx/3xx. */
    SUCCESS,
    /** 401/403/423/429: refused by authentication or authorisation. */
    DENIED,
    /** Any other 4xx or 5xx. */
    FAILED
  }

  public AdminActionRecord {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(outcome, "outcome");
    actor = cut(actor == null ? "anonymous" : actor, 200);
    actorKind = cut(actorKind == null ? "NONE" : actorKind, 16);
    method = cut(Objects.requireNonNull(method, "method"), 10);
    resource = cut(Objects.requireNonNull(resource, "resource"), 500);
    tenant = tenant == null ? null : cut(tenant, 64);
    before = before == null ? null : cut(before, MAX_CHANGE_CHARS);
    after = after == null ? null : cut(after, MAX_CHANGE_CHARS);
    detail = detail == null ? null : cut(detail, 500);
    clientAddress = clientAddress == null ? null : cut(clientAddress, 64);
  }

  /** The outcome an HTTP status stands for. */
  public static Outcome outcomeOf(int status) {
    if (status < 400) {
      return Outcome.SUCCESS;
    }
    return status == 401 || status == 403 || status == 423 || status == 429
        ? Outcome.DENIED
        : Outcome.FAILED;
  }

  private static String cut(String value, int max) {
    if (value.length() <= max) {
      return value;
    }
    String marker = "...[cut]";
    return value.substring(0, Math.max(0, max - marker.length())) + marker;
  }
}
