/**
 * The on-device intent judge: redacted input ({@link dev.tether.models.judge.JudgeInput}), the
 * bounded long-payload window strategy, context features, the trained softmax head and the judge
 * that ties them together. Runs locally; never does network I/O.
 *
 * <p>Must not depend on the agent or server modules.
 */
package dev.tether.models.judge;
