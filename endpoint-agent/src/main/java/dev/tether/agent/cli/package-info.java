/**
 * Command-line entry point: parses arguments into config records and runs one command ({@code
 * enroll}, {@code run}, {@code status}). Thin: holds no logic beyond parsing and wiring. Must not
 * be depended on by any other agent package.
 */
package dev.tether.agent.cli;
