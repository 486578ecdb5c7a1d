/**
 * The agent API's wire objects and paths, shared by the server (which serves them) and the agent
 * (which calls them). All bodies are JSON encoded with {@link dev.tether.core.json.JsonCodec}.
 *
 * <p>Paths under the server's context root, see {@link dev.tether.core.api.AgentApi}.
 */
package dev.tether.core.api;
