/**
 * What the decision pipeline answers for one request: a sealed set of outcomes, each carrying the
 * reason shown to the developer and recorded in audit.
 */
package dev.tether.core.decision;
