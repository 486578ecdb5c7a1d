/** A real OTLP/HTTP trace receiver for tests (decodes the protobuf export requests). */
package dev.tether.server.audit.otlp;
