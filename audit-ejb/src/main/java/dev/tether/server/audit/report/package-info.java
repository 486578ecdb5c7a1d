/**
 * Decision reports: per tenant and period, what Tether decided, aggregated in the database (GROUP
 * BY queries, never every row in memory) and rendered as HTML (self-contained, printable, with an
 * inline SVG chart), PDF (PDFBox), CSV or JSON. Record lists stream page by page (keyset
 * pagination) in CSV and JSON, and are capped in HTML and PDF, which say so.
 *
 * <p>Every figure of one report is bounded by the same audit-log tree size (the signed checkpoint
 * the report names), so events uploaded while a report is produced never make its numbers disagree,
 * and a report can be tied to the tamper-evident log.
 *
 * <p>{@link dev.tether.server.audit.report.DecisionReportService} is the entry point; {@code
 * ReportRepository} hides JPA. Must not depend on JAX-RS, the web module or the policy module.
 */
package dev.tether.server.audit.report;
