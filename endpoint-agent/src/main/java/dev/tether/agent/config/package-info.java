/**
 * Configuration records with {@code validated()} steps, state-directory layout and atomic file
 * writes. Depends on the JDK only; must not depend on any other agent package.
 */
package dev.tether.agent.config;
