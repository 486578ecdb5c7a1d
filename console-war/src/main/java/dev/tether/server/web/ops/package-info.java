/**
 * What operators watch on every instance: MicroProfile Health readiness that checks what serving
 * needs (database, data directory, signing keys, the Kafka ingest path when it is on) and
 * MicroProfile Metrics (application scope, Prometheus at {@code /metrics}) for the agent API,
 * sessions, active devices and the audit stream's backlog. Nothing here is on a request's decision
 * path: a failing probe or metric never changes a response, and no metric carries a secret, a
 * payload or a device id.
 */
package dev.tether.server.web.ops;
