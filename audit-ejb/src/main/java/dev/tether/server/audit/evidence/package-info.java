/**
 * The SOC 2 / ISO 27001 evidence package of a tenant and period: a ZIP of evidence files (control
 * mapping, policy change history, admin actions when recorded, key rotations, fleet enrollment and
 * check-ins, the decision report, the signed audit-log checkpoint and its verifier key) and a
 * {@code MANIFEST} of SHA-256 digests signed with the audit-log key (format and offline verifier in
 * {@code dev.tether.core.audit.evidence}).
 *
 * <p>Takes its policy, key and fleet inputs as plain records ({@link
 * dev.tether.server.audit.evidence.EvidenceInputs}) so it does not depend on the policy module; the
 * web module gathers them. Must not depend on JAX-RS.
 */
package dev.tether.server.audit.evidence;
