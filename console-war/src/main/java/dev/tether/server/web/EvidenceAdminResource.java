package dev.tether.server.web;

import dev.tether.server.audit.AuditLogService;
import dev.tether.server.audit.evidence.EvidenceInputs;
import dev.tether.server.audit.evidence.EvidencePackage;
import dev.tether.server.audit.report.DecisionReportService;
import dev.tether.server.audit.report.DecisionSummary;
import dev.tether.server.audit.report.RecordSource;
import dev.tether.server.audit.report.ReportScope;
import dev.tether.server.policy.TenantService;
import dev.tether.server.policy.identity.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.lang.System.Logger.Level;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Admin API: the SOC 2 / ISO 27001 evidence package of a tenant's period (a ZIP with a signed
 * {@code MANIFEST}; check it offline with {@code tether-agent verify-evidence}). Specific root path
 * ({@code tenants/{tenant}/evidence}): every path under it belongs here.
 */
@RequestScoped
@AdminOnly
@Path("v1/admin/tenants/{tenant}/evidence")
@Tag(name = "reports", description = "Decision reports and compliance evidence")
public class EvidenceAdminResource {
  private static final System.Logger LOG = System.getLogger(EvidenceAdminResource.class.getName());

  @Inject TenantService tenants;
  @Inject DecisionReportService reports;
  @Inject AuditLogService log;
  @Inject EvidenceSources sources;

  /**
   * 200 {@code application/zip}: the package of {@code [from, to)} (as for decision reports;
   * default the 30 days before now); 400 naming a bad parameter; 404 unknown tenant.
   */
  @GET
  @Requires(Role.AUDITOR)
  @Produces("application/zip")
  @Operation(
      summary =
          "SOC 2 / ISO 27001 evidence package of a period (ZIP with a MANIFEST signed by the"
              + " audit-log key)")
  @APIResponse(responseCode = "200", description = "application/zip")
  @APIResponse(responseCode = "400", description = "a bad from or to, or a period > 366 d")
  @APIResponse(responseCode = "404", description = "unknown tenant")
  public Response evidence(
      @PathParam("tenant") String tenant,
      @QueryParam("from") String from,
      @QueryParam("to") String to) {
    ReportPeriod period = ReportPeriod.parse(from, to);
    tenants.requireTenant(tenant);
    ReportScope scope = reports.scope(tenant, period.from(), period.to());
    EvidenceInputs inputs = sources.gather(tenant, period.from(), period.to());
    DecisionSummary summary = reports.summary(scope);
    String verifierKey = log.verifierKey();
    RecordSource records =
        (after, max, decisionsOnly) -> reports.page(scope, after, max, decisionsOnly);
    StreamingOutput body =
        out -> {
          try {
            EvidencePackage.write(
                out, inputs, summary, records, verifierKey, log::signManifest, Instant.now());
          } catch (RuntimeException e) {
            LOG.log(
                Level.ERROR,
                "tenant {0}: evidence package failed while streaming: {1}",
                tenant,
                e.toString());
            throw e;
          }
        };
    return Response.ok(body, "application/zip")
        .header(
            "Content-Disposition",
            "attachment; filename=\"" + period.fileName("tether-evidence-" + tenant, "zip") + "\"")
        .header("Cache-Control", "no-store")
        .build();
  }
}
