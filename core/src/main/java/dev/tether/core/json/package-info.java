/**
 * The single JSON codec every Tether component uses on the wire and on disk, so that agent and
 * server agree byte for byte. Reading is bounded (document size, nesting, string length); writing
 * is deterministic (sorted keys), which makes signed payloads reproducible.
 */
package dev.tether.core.json;
