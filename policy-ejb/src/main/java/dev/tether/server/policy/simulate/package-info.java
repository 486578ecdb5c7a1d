/**
 * The policy simulator behind the console's "simulate" page: a pasted payload, a destination and an
 * app, run through the very decision code the agent runs ({@code dev.tether.core.decision}: the
 * destination rule, rule findings to controls, judge label to mode, per-destination, per-app,
 * per-finding and per-label overrides, the strictest-mode mapping and the developer's message),
 * with the server's cloud judge model standing in for the judges. Reports what fired and why; never
 * returns a finding's value except inside redacted text. Must not depend on JAX-RS.
 */
package dev.tether.server.policy.simulate;
