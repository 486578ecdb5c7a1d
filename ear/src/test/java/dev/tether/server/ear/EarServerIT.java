package dev.tether.server.ear;

import static dev.tether.server.web.it.ServerFlows.problem;

import dev.tether.server.web.it.ServerFlows;
import dev.tether.server.web.it.ServerFlows.Device;
import dev.tether.server.web.it.ServerFlows.Scope;
import dev.tether.server.web.it.TetherHttp;
import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The real {@code target/tether.ear} on Payara Server: the main flow over HTTP. */
@Tag("payara")
@ExtendWith(ArquillianExtension.class)
class EarServerIT {
  /** Payara Server's default HTTP listener; the web module's context root is /tether. */
  private static final URI BASE = URI.create("http://localhost:8080/tether/");

  @Deployment(testable = false)
  static EnterpriseArchive deployment() {
    return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File("target/tether.ear"));
  }

  @Test
  @RunAsClient
  void ear_mainFlowOverHttp_works() throws Exception {
    TetherHttp http = TetherHttp.create(BASE, Path.of(System.getProperty("tether.it.dataDir")));
    ServerFlows flows = new ServerFlows(http);

    problem(
        401,
        "admin bearer token",
        http.send("POST", ServerFlows.ADMIN, Map.of("id", "x", "name", "x"), Map.of()));
    Scope scope = flows.createTenantAndGroup();
    flows.publish(scope, 1);
    Device device = flows.enroll(scope);
    String etag = flows.fetchAndVerifyBundle(device, 1).getValue();
    flows.bundleNotModified(device, etag);
    var batch = ServerFlows.auditBatch(device.id(), 2);
    flows.uploadAudit(device, batch, 2, 0);
    flows.uploadAudit(device, batch, 0, 2);
    // the relocated OpenTelemetry SDK works inside Payara Server next to Payara's own
    flows.tracedAuditUpload(device);
    flows.heartbeat(device, 1, 1);
  }
}
