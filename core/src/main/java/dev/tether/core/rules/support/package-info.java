/**
 * Building blocks shared by the detector packages: pattern-plus-validation detectors, placeholder
 * and documentation-example suppression, entropy. No detector definitions live here.
 */
package dev.tether.core.rules.support;
