/**
 * Deterministic detectors: the rule layer. Each {@link dev.tether.core.rules.Detector} belongs to a
 * family (the unit a policy assigns a response to) and reports {@link
 * dev.tether.core.rules.Finding}s with spans, never copies of the secret. {@link
 * dev.tether.core.rules.RuleEngine} runs them all over bounded text.
 */
package dev.tether.core.rules;
