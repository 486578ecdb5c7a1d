/**
 * Built-in detectors of personal and regulated data (PII, PHI, PCI): validation functions reject
 * look-alikes (Luhn, IBAN mod-97, NHS mod-11, SSN area rules, IIN ranges), context words raise or
 * lower confidence, and weak formats (SSN, NHS, passport, national phone numbers, dates of birth,
 * MRN and ICD-10 codes, UK postcodes) are reported only near their context words. {@link
 * dev.tether.core.rules.personal.PersonalDataDetectors#all()} lists them; everything else here is
 * package-private.
 *
 * <p>Detectors without keywords (cards, IBAN, US street addresses) run on every text and use
 * hand-written single passes; the others find their keywords first ({@link
 * dev.tether.core.rules.support.KeywordWindows}) and run bounded patterns only near them. Depends
 * on {@code dev.tether.core.rules} and its {@code support} package only; never on other detector
 * packages or on {@code jakarta.*}.
 */
package dev.tether.core.rules.personal;
