/**
 * Audit events: one record per control that fired (destination rule, detector rule, judge, policy
 * state), linked by a decision id. Never carries a payload: only digests, sizes, detector ids and
 * counts.
 */
package dev.tether.core.audit;
