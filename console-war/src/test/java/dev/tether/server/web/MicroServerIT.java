package dev.tether.server.web;

import static dev.tether.server.web.it.ServerFlows.expect;
import static dev.tether.server.web.it.ServerFlows.problem;
import static dev.tether.server.web.it.ServerFlows.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.core.api.AgentApi;
import dev.tether.core.api.AuditBatch;
import dev.tether.core.audit.AuditEvent;
import dev.tether.core.audit.AuditLayer;
import dev.tether.server.web.it.ServerFlows;
import dev.tether.server.web.it.ServerFlows.Device;
import dev.tether.server.web.it.ServerFlows.Scope;
import dev.tether.server.web.it.ServerFlows.VersionView;
import dev.tether.server.web.it.TetherHttp;
import java.io.File;
import java.net.URL;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The real {@code target/tether.war} on Payara Micro, exercised over HTTP end to end. */
@Tag("payara")
@ExtendWith(ArquillianExtension.class)
class MicroServerIT {
  /** Records returned by the admin audit query. */
  record AuditPageView(long total, List<AuditEvent> events) {}

  @Deployment(testable = false)
  static WebArchive deployment() {
    return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/tether.war"));
  }

  @ArquillianResource URL base;

  @Test
  @RunAsClient
  void server_fullFlowOverHttp_behavesAsSpecified() throws Exception {
    TetherHttp http =
        TetherHttp.create(base.toURI(), Path.of(System.getProperty("tether.it.dataDir")));
    ServerFlows flows = new ServerFlows(http);

    problem(
        401,
        "admin bearer token",
        http.send("POST", ServerFlows.ADMIN, Map.of("id", "x", "name", "x"), Map.of()));
    problem(
        401,
        "admin bearer token",
        http.send(
            "GET",
            ServerFlows.ADMIN + "/x/devices",
            null,
            Map.of("Authorization", "Bearer wrong")));

    Scope scope = flows.createTenantAndGroup();
    problem(
        409,
        scope.tenant(),
        http.admin("POST", ServerFlows.ADMIN, Map.of("id", scope.tenant(), "name", "again")));
    problem(
        400,
        "tenant.id",
        http.admin("POST", ServerFlows.ADMIN, Map.of("id", "Not Valid", "name", "x")));
    problem(409, "policy.draft", http.admin("POST", scope.groupPath() + "/policy/publish", null));
    problem(
        400,
        "policy.bundleLifetime",
        http.admin(
            "PUT",
            scope.groupPath() + "/policy/draft",
            Map.of("name", "Bad", "bundleLifetime", "3 days")));

    flows.publish(scope, 1);
    VersionView second = flows.publish(scope, 2);
    List<VersionView> versions =
        List.of(
            read(
                expect(200, http.admin("GET", scope.groupPath() + "/policy/versions", null)),
                VersionView[].class));
    assertEquals(List.of(2L, 1L), versions.stream().map(VersionView::version).toList());
    assertEquals(second, versions.get(0));

    Device device = flows.enroll(scope);
    problem(401, "credential", http.agent("GET", AgentApi.BUNDLE, null, null, Map.of()));
    problem(
        404,
        "nothing published",
        http.agent(
            "GET",
            AgentApi.BUNDLE,
            null,
            flows.enroll(flows.createTenantAndGroup()).credential(),
            Map.of()));
    problem(
        401, "credential", http.agent("GET", AgentApi.BUNDLE, null, "not-a-credential", Map.of()));
    Map.Entry<?, String> bundle = flows.fetchAndVerifyBundle(device, 2);
    flows.bundleNotModified(device, bundle.getValue());
    flows.concurrentPublishes(scope, 4, 3);
    flows.fetchAndVerifyBundle(device, 6);
    flows.bundleNotModified(device, flows.fetchAndVerifyBundle(device, 6).getValue());

    AuditBatch batch = ServerFlows.auditBatch(device.id(), 3);
    flows.uploadAudit(device, batch, 3, 0);
    flows.uploadAudit(device, batch, 0, 3);
    flows.auditLogExportVerifiesOffline(scope, batch);
    problem(
        403,
        "deviceId",
        http.agent(
            "POST",
            AgentApi.AUDIT_EVENTS,
            ServerFlows.auditBatch("someone-else", 1),
            device.credential(),
            Map.of()));

    AuditPageView all =
        read(
            expect(
                200,
                http.admin(
                    "GET", ServerFlows.ADMIN + "/" + scope.tenant() + "/audit-events", null)),
            AuditPageView.class);
    assertEquals(3, all.total());
    assertEquals(
        batch.events().get(2), all.events().get(0), "newest first, stored exactly as sent");
    AuditPageView rules =
        read(
            expect(
                200,
                http.admin(
                    "GET",
                    ServerFlows.ADMIN + "/" + scope.tenant() + "/audit-events?layer=rule&limit=1",
                    null)),
            AuditPageView.class);
    assertEquals(2, rules.total());
    assertEquals(1, rules.events().size());
    assertEquals(AuditLayer.RULE, rules.events().get(0).layer());
    problem(
        400,
        "limit",
        http.admin(
            "GET", ServerFlows.ADMIN + "/" + scope.tenant() + "/audit-events?limit=5000", null));

    flows.concurrentDuplicateUploads(device, ServerFlows.auditBatch(device.id(), 20), 4);

    flows.heartbeat(device, 6, 6);
    String devices =
        new String(
            expect(
                    200,
                    http.admin("GET", ServerFlows.ADMIN + "/" + scope.tenant() + "/devices", null))
                .body());
    assertTrue(devices.contains("\"deviceId\":\"" + device.id() + "\""), devices);
    assertTrue(devices.contains("\"state\":\"ENFORCING\""), devices);
    assertTrue(devices.contains("\"policyVersion\":6"), devices);

    // The agent's state machine is visible per device: GRACE with the time it falls back.
    Instant graceEnds = Instant.parse("2030-01-02T03:04:05Z");
    flows.heartbeat(
        device, new dev.tether.core.api.Heartbeat("GRACE", 6, "it-agent", 0, graceEnds), 6);
    String inGrace =
        new String(
            expect(
                    200,
                    http.admin("GET", ServerFlows.ADMIN + "/" + scope.tenant() + "/devices", null))
                .body());
    assertTrue(inGrace.contains("\"state\":\"GRACE\""), inGrace);
    assertTrue(inGrace.contains("\"graceEndsAt\":\"2030-01-02T03:04:05Z\""), inGrace);
  }
}
