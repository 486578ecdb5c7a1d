/**
 * Evaluation of the rule layer: a labelled corpus built deterministically from the fake-value
 * generators of the detector packages ({@code FakeCredentials}, {@code FakePersonalData}) embedded
 * in realistic context, plus hard negatives; scoring of findings against its labels (precision and
 * recall per type); the accuracy test that holds the rule layer to its targets.
 *
 * <p>Depends only on {@code dev.tether.core.rules} (the public engine API) and, by reflection, on
 * the generator helpers, so it compiles before and after the detector packages change.
 */
package dev.tether.core.rules.eval;
