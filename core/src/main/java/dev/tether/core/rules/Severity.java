package dev.tether.core.rules;

/** How bad a finding is if it leaves the machine. Ordered from least to most severe. */
public enum Severity {
  /** Low-sensitivity data, e.g. a business e-mail address. */
  LOW,
  /** Personal data or internal markers. */
  MEDIUM,
  /** Regulated data or credentials with limited scope. */
  HIGH,
  /** Live credentials and keys that grant access, cardholder and health data. */
  CRITICAL
}
