/**
 * HTTP test helpers shared by the server's integration tests (Payara Micro with the WAR, Payara
 * Server with the EAR): a small client for the admin and agent APIs and the end-to-end flows with
 * their assertions. Published as this module's test-jar. Depends only on core, JUnit and the JDK
 * HTTP client; never on server internals.
 */
package dev.tether.server.web.it;
