/**
 * The transparent side of the agent: connections the OS redirect sent to the agent's transparent
 * listener. Each one gets its original destination ({@code SO_ORIGINAL_DST}, loop guard), its
 * owning process (asynchronous, never on the data path) and its TLS SNI, and is then handed to the
 * explicit proxy as a {@code CONNECT} so one scoping and decision path serves both modes.
 *
 * <p>Depends on native-hooks and on the proxy's public wire protocol only (never on proxy
 * internals).
 */
package dev.tether.agent.intercept;
