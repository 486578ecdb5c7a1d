/**
 * Request-mode approvals: devices file requests (no payload, only digest, user, destination and
 * reason), approvers approve with a reason and a validity window or deny with a reason, and devices
 * learn the outcome when they poll. Tenant isolation: a device sees only its own requests; an
 * approver acts only within the tenant in the path. Uses the {@code tether-policy} persistence
 * unit.
 */
package dev.tether.server.policy.approval;
