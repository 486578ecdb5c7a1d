/** Tests of decision-trace export: bounds, failures, configuration. */
package dev.tether.agent.telemetry;
