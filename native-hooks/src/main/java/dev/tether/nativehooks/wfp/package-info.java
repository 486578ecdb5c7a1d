/**
 * Windows: the user-mode side of a WFP connect-redirect design (see the module README): the Winsock
 * control codes and the byte layout of the redirect context the (not yet built) callout driver
 * hands to the agent. Compiled and unit-tested on Linux only. {@link
 * dev.tether.nativehooks.wfp.WfpRedirect} refuses to install anything until the driver exists.
 *
 * <p>Must not depend on the agent or on other OS packages.
 */
package dev.tether.nativehooks.wfp;
