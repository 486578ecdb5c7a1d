/**
 * Agent self-update: fetch the tenant's signed release record for this platform, verify it like a
 * policy bundle ({@link dev.tether.core.bundle.AgentReleaseVerifier}: no downgrade, no replay, no
 * other platform), download the artifact with a hard size bound, check its SHA-256 against the
 * signed value and stage it atomically. Nothing here installs or executes anything: installing is
 * the OS package manager's job, run as root (see the agent README). Depends on the agent's config,
 * enrollment and root-trust classes and on core.
 */
package dev.tether.agent.update;
