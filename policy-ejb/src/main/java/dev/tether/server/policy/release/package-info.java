/**
 * Agent self-update on the server: publishing signed agent release metadata ({@link
 * dev.tether.core.bundle.AgentRelease}) per tenant and platform, and serving the newest record and
 * its artifact to devices. Records are signed with the tenant's online signing key (the same key
 * and root of trust as policy bundles); artifacts are files an operator places in {@code <data
 * dir>/agent-releases/}. Depends on core and on the policy module's trust service; never on the web
 * layer.
 */
package dev.tether.server.policy.release;
