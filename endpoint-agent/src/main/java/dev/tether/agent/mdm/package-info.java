/**
 * MDM deployment artifacts rendered from one model ({@link dev.tether.agent.mdm.MdmProfile}): the
 * Linux {@code /etc/tether/enrollment.json} (an {@link dev.tether.agent.config.EnrollProfile}), a
 * macOS configuration profile ({@code .mobileconfig}) and an Intune Win32 app install script with
 * its app definition. Every renderer reads the same model, so the artifacts never disagree; the
 * enrollment token reaches them only through {@link dev.tether.core.crypto.SecretBytes} and is
 * never printed or logged. Depends on the agent's config and TLS helpers and on the JDK's XML
 * support; nothing here talks to the network.
 */
package dev.tether.agent.mdm;
