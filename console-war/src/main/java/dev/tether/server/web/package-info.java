/**
 * The Tether server's HTTP edge: the agent API ({@code /api/v1/agent/*}, bodies encoded with {@link
 * dev.tether.core.json.JsonCodec} so agent and server agree byte for byte) and the admin API
 * ({@code /api/v1/admin/*}, bearer admin token), errors as RFC 9457 problem details, and
 * MicroProfile health checks.
 *
 * <p>API conventions every resource follows: an {@code @Operation} summary and {@code @APIResponse}
 * per status on every resource method (the served OpenAPI document is completed by {@link
 * dev.tether.server.web.OpenApiDefinitions}); list endpoints page through {@link
 * dev.tether.server.web.Paging}; mutable resources answer an {@code ETag} and take {@code If-Match}
 * (checked in the service, {@link dev.tether.server.policy.EntityTags}).
 *
 * <p>Resources only authenticate, parse and validate into value objects and call the EJB services
 * of {@code dev.tether.server.policy} and {@code dev.tether.server.audit}. Must not use JPA or hold
 * business logic; must not be depended on by the EJB modules.
 */
package dev.tether.server.web;
