/**
 * Decision traces over OpenTelemetry: one root span per decision ({@code tether.decision}) with one
 * child span per pipeline stage and the spool write, GenAI semantic-convention attributes and
 * Tether attributes, exported over OTLP/HTTP (protobuf) only when {@code run --otlp-endpoint} is
 * set. Disabled, it is a no-op: no SDK objects, no threads, no network.
 *
 * <p>Guarantees: no payload content, prompt or redacted text is ever put on a span; exporting
 * happens on the SDK's batch thread through a bounded queue, so a slow or dead collector never
 * blocks or slows a decision (spans over the bound are dropped and counted in {@code status}).
 * Depends on the pipeline's {@link dev.tether.agent.pipeline.DecisionTrace}; the pipeline does not
 * depend on this package.
 */
package dev.tether.agent.telemetry;
