/**
 * Enforcement: runs the pipeline, records its audit events durably before releasing the decision,
 * and renders Block responses in each provider's own error format. Fails closed. Must not depend on
 * Netty or {@code proxy}.
 */
package dev.tether.agent.enforce;
