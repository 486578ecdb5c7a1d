/**
 * Integration test of the assembled EAR on a managed Payara Server. Uses only the shared HTTP
 * helpers of {@code dev.tether.server.web.it}; never server internals.
 */
package dev.tether.server.ear;
