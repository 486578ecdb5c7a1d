/**
 * The bypass-resistance suite: a "developer machine" and an "internet" network namespace joined by
 * a veth pair, fake AI and non-AI hosts with certificates from a test CA, the real agent jar with
 * its real nftables table, and real clients (curl, Python, Node when installed). One named test per
 * bypass technique. Runs as root in CI ({@code CI=true}: never skipped); locally it skips loudly
 * when not root or nftables is missing.
 */
package dev.tether.agent.bypass;
