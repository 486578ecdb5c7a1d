/**
 * Browser tests of the web console: Debian's headless Chromium driven by Selenium through Debian's
 * chromedriver (nothing is downloaded), against the real WAR on Payara Micro. Screenshots of the
 * main pages go to {@code target/screenshots}.
 */
package dev.tether.server.web.browser;
