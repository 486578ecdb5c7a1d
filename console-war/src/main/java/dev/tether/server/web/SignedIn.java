package dev.tether.server.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An admin endpoint open to any authenticated principal, because the service it calls decides per
 * object (own API tokens, accounts the caller may manage, the caller's own identity) through {@link
 * dev.tether.server.policy.identity.AdminAccess}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface SignedIn {}
