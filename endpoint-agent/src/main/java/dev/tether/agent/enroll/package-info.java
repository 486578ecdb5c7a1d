/**
 * Device enrollment: key generation, the enroll call, and the enrollment record stored in the state
 * dir. Private keys never leave the device. Must not depend on {@code proxy}, {@code pipeline} or
 * {@code daemon}.
 */
package dev.tether.agent.enroll;
