/**
 * Tether's shared core: pure Java used by both the endpoint agent and the server.
 *
 * <p>Sub-packages: {@code policy} (the authored policy model), {@code bundle} (the signed bundle
 * envelope, signing and verification), {@code crypto} (keys and digests), {@code rules} (the
 * deterministic detectors), {@code decision} (what the pipeline answers), {@code audit} (audit
 * events), {@code api} (the agent API's wire objects), {@code json} (the one bounded JSON codec).
 *
 * <p>Must never depend on {@code jakarta.*}, Netty or any server or agent module.
 */
package dev.tether.core;
