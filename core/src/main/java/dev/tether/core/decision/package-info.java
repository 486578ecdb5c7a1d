/**
 * The decision, as pure code shared by the agent's pipeline and the console's policy simulator:
 * what a request gets ({@link dev.tether.core.decision.Decision}), the controls that fired ({@link
 * dev.tether.core.decision.Control}), how rule findings and a blocked destination become controls
 * ({@link dev.tether.core.decision.RuleControls}), the mode a judge label answers ({@link
 * dev.tether.core.decision.JudgeModes}), the mapping of controls, destination and sending app to
 * one decision with the policy's overrides ({@link dev.tether.core.decision.ModeMapping}), and what
 * the developer sees when a request is held ({@link dev.tether.core.decision.BlockResponses}). No
 * I/O, no clock, no state; must never import {@code jakarta.*} or depend on the agent or server.
 */
package dev.tether.core.decision;
