package dev.tether.server.web;

import dev.tether.core.audit.log.LogExport;
import dev.tether.server.audit.AuditLogService;
import dev.tether.server.audit.AuditService;
import dev.tether.server.audit.ChainBreakView;
import dev.tether.server.audit.ConsistencyProof;
import dev.tether.server.audit.InclusionProof;
import dev.tether.server.audit.StoreVerification;
import dev.tether.server.policy.TenantService;
import dev.tether.server.policy.identity.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Admin API of the tamper-evident audit log: signed checkpoints (C2SP signed notes), the verifier
 * key auditors pin, RFC 6962 inclusion and consistency proofs, a server-side re-hash of the whole
 * store, and per-tenant exports that {@code tether-agent verify-log} checks offline.
 */
@RequestScoped
@AdminOnly
@Path("v1/admin")
@Tag(name = "audit-log", description = "Tamper-evident audit log: checkpoints, proofs, exports")
public class AuditLogAdminResource {
  @Inject AuditLogService log;
  @Inject TenantService tenants;
  @Inject AuditService audit;

  /** 200 the newest signed checkpoint (text/plain signed note), signed now if the log grew. */
  @Operation(summary = "Get the newest signed checkpoint of the audit log")
  @APIResponse(responseCode = "200", description = "C2SP signed note (text)")
  @GET
  @Path("audit-log/checkpoint")
  @Produces(MediaType.TEXT_PLAIN)
  @Requires(Role.AUDITOR)
  public String checkpoint() {
    return log.checkpoint();
  }

  /** 200 the checkpoint verifier key ({@code <origin>+<hash>+<base64 key>}). */
  @Operation(summary = "Get the checkpoint verifier key to pin")
  @APIResponse(responseCode = "200", description = "<origin>+<keyhash>+<key> (text)")
  @GET
  @Path("audit-log/verifier-key")
  @Produces(MediaType.TEXT_PLAIN)
  @SignedIn
  public String verifierKey() {
    return log.verifierKey() + "\n";
  }

  /** 200 inclusion proof of an event; 400 unknown event or a tree size not covering it. */
  @Operation(summary = "Get the RFC 6962 inclusion proof of an event")
  @APIResponse(responseCode = "200", description = "the proof")
  @APIResponse(
      responseCode = "400",
      description = "eventId missing or unknown, or treeSize not covering it")
  @GET
  @Path("audit-log/inclusion")
  @Produces(MediaType.APPLICATION_JSON)
  @Requires(Role.AUDITOR)
  public InclusionProof inclusion(
      @QueryParam("eventId") String eventId, @QueryParam("treeSize") String treeSize) {
    if (eventId == null || eventId.isBlank()) {
      throw new IllegalArgumentException("eventId: required");
    }
    return log.inclusion(eventId.trim(), parseLong("treeSize", treeSize, 0));
  }

  /** 200 consistency proof between two tree sizes; 400 sizes out of range. */
  @Operation(summary = "Get the RFC 6962 consistency proof between two tree sizes")
  @APIResponse(responseCode = "200", description = "the proof")
  @APIResponse(responseCode = "400", description = "sizes missing or out of range")
  @GET
  @Path("audit-log/consistency")
  @Produces(MediaType.APPLICATION_JSON)
  @Requires(Role.AUDITOR)
  public ConsistencyProof consistency(
      @QueryParam("first") String first, @QueryParam("second") String second) {
    return log.consistency(parseLong("first", first, -1), parseLong("second", second, -1));
  }

  /** 200 the result of re-hashing every stored event against the log (slow on large stores). */
  @Operation(summary = "Re-hash every stored event against its log leaf")
  @APIResponse(responseCode = "200", description = "{checked, logSize, mismatched}")
  @GET
  @Path("audit-log/verify")
  @Produces(MediaType.APPLICATION_JSON)
  @Requires(Role.AUDITOR)
  public StoreVerification verify() {
    return log.verifyStore();
  }

  /** 200 a tenant's events from leaf {@code from}, with proofs and the signed checkpoint. */
  @Operation(summary = "Export a tenant's events with proofs and the checkpoint (from/limit paged)")
  @APIResponse(responseCode = "200", description = "the export; Link rel=next when full")
  @APIResponse(responseCode = "400", description = "from or limit out of range")
  @APIResponse(responseCode = "404", description = "unknown tenant")
  @GET
  @Path("audit-log/tenants/{tenant}/export")
  @Produces(MediaType.APPLICATION_JSON)
  @Requires(Role.AUDITOR)
  public LogExport export(
      @PathParam("tenant") String tenant,
      @QueryParam("from") String from,
      @QueryParam("limit") String limit) {
    tenants.requireTenant(tenant);
    return log.export(tenant, parseLong("from", from, 0), (int) parseLong("limit", limit, 1000));
  }

  /**
   * 200 array of the tenant's recorded spool hash-chain breaks (lost, rewritten or replayed agent
   * records), newest first; 400 limit outside 1..1000; 404 unknown tenant.
   */
  @Operation(summary = "List a tenant's agent spool hash-chain breaks, newest first")
  @APIResponse(responseCode = "200", description = "chain breaks")
  @APIResponse(responseCode = "400", description = "limit outside 1..1000")
  @APIResponse(responseCode = "404", description = "unknown tenant")
  @GET
  @Path("audit-log/tenants/{tenant}/chain-breaks")
  @Produces(MediaType.APPLICATION_JSON)
  @Requires(Role.AUDITOR)
  public List<ChainBreakView> chainBreaks(
      @PathParam("tenant") String tenant, @QueryParam("limit") String limit) {
    int max = (int) Math.min(Integer.MAX_VALUE, parseLong("limit", limit, 100));
    tenants.requireTenant(tenant);
    return audit.chainBreaks(tenant, max);
  }

  private static long parseLong(String key, String value, long fallback) {
    if (value == null || value.isBlank()) {
      if (fallback < 0) {
        throw new IllegalArgumentException(key + ": required");
      }
      return fallback;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          key
              + ": expected an integer, got \""
              + value.substring(0, Math.min(40, value.length()))
              + "\"");
    }
  }
}
