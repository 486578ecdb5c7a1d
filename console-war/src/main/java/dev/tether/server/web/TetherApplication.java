package dev.tether.server.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** JAX-RS root: every resource lives under {@code <context root>/api}. */
@ApplicationPath("api")
public class TetherApplication extends Application {}
