/**
 * The decision pipeline: one visible list of stages ({@link
 * dev.tether.agent.pipeline.DecisionPipeline}) turning an inspected request and the active policy
 * into a {@code Decision}. Pure logic, no I/O and no Netty: must not depend on {@code proxy},
 * {@code audit} or {@code server}.
 */
package dev.tether.agent.pipeline;
