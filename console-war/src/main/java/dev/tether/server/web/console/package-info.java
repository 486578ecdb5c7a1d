/**
 * The web console's static delivery: the HTML, CSS and JavaScript modules under {@code /console/}
 * (in {@code src/main/webapp/console}) and how they are cached. The console holds no server logic:
 * it calls only the documented REST API. Must not depend on the EJB modules.
 */
package dev.tether.server.web.console;
