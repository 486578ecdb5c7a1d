/**
 * Audit ingestion and queries on the Tether server: agent batches are stored append-only and
 * idempotently (one row per event id, enforced by a unique constraint), then listed to admins.
 *
 * <p>{@link dev.tether.server.audit.AuditService} is the public entry point; {@code
 * AuditRepository} hides JPA (persistence unit {@value AuditRepository#UNIT}). Must not depend on
 * JAX-RS, the web module or the policy module: the caller passes the authenticated device.
 */
package dev.tether.server.audit;
