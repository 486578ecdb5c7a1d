package dev.tether.server.audit.report;

import dev.tether.core.audit.AuditLayer;
import dev.tether.core.policy.ResponseMode;

/** Records of one control layer that asked for one mode. */
public record LayerCount(AuditLayer layer, ResponseMode mode, long records) {}
