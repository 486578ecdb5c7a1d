/** Test fixtures shared by the agent's unit, proxy and end-to-end tests: real TLS upstreams. */
package dev.tether.agent.testsupport;
