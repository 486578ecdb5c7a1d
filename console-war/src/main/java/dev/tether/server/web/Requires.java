package dev.tether.server.web;

import dev.tether.server.policy.identity.Role;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The role an admin endpoint needs. {@link AdminAuthFilter} checks it after authentication: in the
 * tenant named by the path parameter {@code {tenant}} when the endpoint's path has one, else
 * server-wide (only all-tenant grants pass). Every {@link AdminOnly} endpoint must carry this or
 * {@link SignedIn}; one with neither is refused (403) for everyone, so a new endpoint cannot escape
 * authorisation by omission.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Requires {
  Role value();
}
