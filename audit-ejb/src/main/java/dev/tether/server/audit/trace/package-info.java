/**
 * Server-side traces of audit ingestion: one {@code tether.audit.ingest} span per uploaded batch (a
 * child of the agent's upload span when the request carries a W3C {@code traceparent}) with a
 * {@code tether.audit.store} child around the transaction that stores the events and assigns their
 * log leaves. Exported over OTLP/HTTP (protobuf) only when {@code tether.otel.endpoint} is set;
 * otherwise nothing is created.
 *
 * <p>The OpenTelemetry SDK used here is relocated into {@code dev.tether.shaded.otel} when
 * audit-ejb is packaged, so it never meets the OpenTelemetry API that Payara exports to
 * applications (1.29 in Payara 6.2025.10). Spans carry counts, ids and outcomes only, never event
 * reasons, excerpts or any other event content. Must not depend on {@code jakarta.*} outside {@link
 * dev.tether.server.audit.trace.AuditTracing}.
 */
package dev.tether.server.audit.trace;
