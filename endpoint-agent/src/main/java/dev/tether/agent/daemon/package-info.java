/**
 * The long-running agent: wires the policy client, audit uploader, proxy and status file together,
 * writes the pid file and shuts down cleanly on SIGTERM. The composition root; nothing else may
 * depend on it except {@code cli}.
 */
package dev.tether.agent.daemon;
