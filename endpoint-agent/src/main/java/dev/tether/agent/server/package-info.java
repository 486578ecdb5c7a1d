/**
 * The agent side of the agent API ({@code dev.tether.core.api.AgentApi}) over {@code
 * java.net.http}: bounded response reads, bearer credential. Must not depend on {@code proxy},
 * {@code pipeline} or {@code daemon}.
 */
package dev.tether.agent.server;
