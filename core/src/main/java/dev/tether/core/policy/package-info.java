/**
 * The policy as authored in the console: which destinations are AI services (and which provider
 * speaks there), which are blocked, and which response each detector family and classification maps
 * to. Records validate in their compact constructors; {@link
 * dev.tether.core.policy.PolicyDocument#validated()} rejects nonsense with messages that name the
 * key.
 */
package dev.tether.core.policy;
