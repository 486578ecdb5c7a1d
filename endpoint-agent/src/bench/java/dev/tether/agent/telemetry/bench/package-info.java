/** Decision-tracing overhead harness (plain main; see endpoint-agent/README.md). */
package dev.tether.agent.telemetry.bench;
