/**
 * The durable audit spool (append-only, checksummed lines, fsync before a decision is released) and
 * its uploader (batches, retry, offset persisted only after acknowledgement). Audit records never
 * carry payload text. Must not depend on {@code proxy} or {@code pipeline}.
 */
package dev.tether.agent.audit;
