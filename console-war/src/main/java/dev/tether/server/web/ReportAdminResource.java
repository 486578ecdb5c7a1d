package dev.tether.server.web;

import dev.tether.server.audit.report.DecisionReportService;
import dev.tether.server.audit.report.DecisionReports;
import dev.tether.server.audit.report.DecisionSummary;
import dev.tether.server.audit.report.RecordSource;
import dev.tether.server.audit.report.ReportFormat;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Admin API: decision reports of a tenant's period. Specific root path ({@code
 * tenants/{tenant}/reports}): every path under it belongs here, and it captures no other resource's
 * {@code tenants/...} path. (Devices and audit events, once served by this class, are in {@link
 * DeviceAdminResource} and {@link AuditEventAdminResource} at the same URLs.)
 */
@RequestScoped
@AdminOnly
@Path("v1/admin/tenants/{tenant}/reports")
@Tag(name = "reports", description = "Decision reports and compliance evidence")
public class ReportAdminResource {
  private static final System.Logger LOG = System.getLogger(ReportAdminResource.class.getName());

  @Inject TenantService tenants;
  @Inject DecisionReportService reports;

  /**
   * 200 the decision report of {@code [from, to)} (ISO-8601 instants or dates, UTC; default the 30
   * days before now) as {@code format} html (default), pdf, csv or json; 400 naming a bad
   * parameter; 404 unknown tenant. CSV and JSON stream every record; HTML and PDF list at most
   * {@link DecisionReports#MAX_LISTED} decisions and say so.
   */
  @GET
  @Path("decisions")
  @Requires(Role.AUDITOR)
  @Produces({"text/html", "application/pdf", "text/csv", "application/json"})
  @Operation(
      summary =
          "Decision report of a period: by mode, layer, detector, judge label, app, destination,"
              + " provider/model, group, user and day, with decision and trace ids")
  @APIResponse(
      responseCode = "200",
      description =
          "html (self-contained page), pdf, csv (every record) or json ({summary, records,"
              + " recordCount})")
  @APIResponse(responseCode = "400", description = "a bad format, from or to, or a period > 366 d")
  @APIResponse(responseCode = "404", description = "unknown tenant")
  public Response decisions(
      @PathParam("tenant") String tenant,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("format") String format) {
    ReportFormat chosen = ReportFormat.parse(format);
    ReportPeriod period = ReportPeriod.parse(from, to);
    tenants.requireTenant(tenant);
    ReportScope scope = reports.scope(tenant, period.from(), period.to());
    DecisionSummary summary = reports.summary(scope);
    RecordSource records =
        (after, max, decisionsOnly) -> reports.page(scope, after, max, decisionsOnly);
    StreamingOutput body =
        out -> {
          try {
            DecisionReports.write(chosen, summary, records, out);
          } catch (RuntimeException e) {
            LOG.log(
                Level.ERROR,
                "tenant {0}: decision report failed while streaming ({1}): {2}",
                tenant,
                chosen,
                e.toString());
            throw e;
          }
        };
    String disposition = chosen == ReportFormat.HTML ? "inline" : "attachment";
    return Response.ok(body, chosen.mediaType())
        .header(
            "Content-Disposition",
            disposition
                + "; filename=\""
                + period.fileName("tether-decisions-" + tenant, chosen.extension())
                + "\"")
        .header("Cache-Control", "no-store")
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
        .build();
  }
}
