/**
 * The compliance evidence package format (a ZIP of evidence files and a signed {@code MANIFEST})
 * and its offline verifier. The manifest lists every file with its size and SHA-256 and is a C2SP
 * signed note by the audit-log key, so an auditor holding only the pinned verifier key can prove
 * that no file was changed, removed or added after the server produced the package.
 *
 * <p>Pure Java (no {@code jakarta.*}); used by the server to write packages and by {@code
 * tether-agent verify-evidence} to check them.
 */
package dev.tether.core.audit.evidence;
