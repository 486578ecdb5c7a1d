/**
 * Training and evaluation of the judge's head: the corpus reader, a deterministic
 * softmax-regression trainer with temperature calibration, held-out metrics, and the {@code
 * Trainer} entry point that regenerates the shipped head. Not used at run time by the agent.
 *
 * <p>Must not depend on the agent or server modules.
 */
package dev.tether.models.train;
