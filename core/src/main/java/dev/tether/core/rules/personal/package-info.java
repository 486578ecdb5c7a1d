/**
 * Built-in detectors of personal and regulated data (PII, PHI, PCI): validation functions reject
 * look-alikes, context words raise or lower confidence. {@link
 * dev.tether.core.rules.personal.PersonalDataDetectors#all()} lists them.
 */
package dev.tether.core.rules.personal;
