/**
 * Tests of the production topology as an operator runs it: {@code up.sh} brings up PostgreSQL,
 * Kafka, Payara Micro instances and HAProxy as processes, the tests talk to them over loopback HTTP
 * only, and {@code down.sh} must leave no process behind. Depends on nothing of the server's code:
 * what is tested is the deployment.
 */
package dev.tether.deploy.production;
