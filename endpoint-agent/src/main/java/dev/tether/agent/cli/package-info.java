/**
 * Command-line entry point: parses arguments into config records and runs one command ({@code
 * enroll}, {@code run}, {@code status}, {@code scan}). Thin: holds no logic beyond parsing, wiring
 * and output formatting (the scan command's report and JSONL forms; the scanning is core's {@code
 * RuleEngine}). Must not be depended on by any other agent package.
 */
package dev.tether.agent.cli;
