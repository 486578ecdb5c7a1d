/**
 * The end-to-end test of the whole slice: the real server on Payara Micro, a real agent process
 * enrolled against it, a real TLS upstream, and real clients (curl, Java's HttpClient). Runs in the
 * integration-test phase (failsafe), after the agent jar and the server WAR are built.
 */
package dev.tether.agent.e2e;
