/**
 * The fleet simulator: a load tool that plays N enrolled agents against a running Tether server on
 * loopback, with the agent's own wire classes ({@code ServerClient}, the {@code core.api} records,
 * {@code AuditEvent} and {@code ChainLink}, root and bundle verification), and reports what the
 * server sustained. Run by {@code endpoint-agent/bench/fleet.sh}; checked by {@code
 * FleetSimulatorIT}. Every run is bounded in agents, requests and time and stops by itself; it
 * refuses any server address that is not loopback.
 */
package dev.tether.agent.fleet;
