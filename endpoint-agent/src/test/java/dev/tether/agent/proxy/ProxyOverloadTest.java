package dev.tether.agent.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.agent.TestPolicies;
import dev.tether.agent.audit.AuditSpool;
import dev.tether.agent.enforce.DecisionService;
import dev.tether.agent.pipeline.ContentScanner;
import dev.tether.agent.pipeline.DecisionPipeline;
import dev.tether.agent.policy.ActivePolicy;
import dev.tether.agent.testsupport.TestTls;
import dev.tether.agent.testsupport.TestUpstream;
import dev.tether.agent.tls.DeviceCa;
import dev.tether.agent.tls.LeafMinter;
import dev.tether.agent.tls.UpstreamTrust;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the agent cannot take another decision, the request is refused, never forwarded, and
 * counted.
 */
class ProxyOverloadTest {

  @Test
  void proxy_decisionQueueFull_refuses503_neverForwards_countsRefusal(@TempDir Path dir)
      throws Exception {
    DeviceCa deviceCa = DeviceCa.generate("overload-device");
    ActivePolicy policy =
        TestPolicies.active(dir.resolve("state"), TestPolicies.document(List.of()));
    try (TestUpstream upstream = new TestUpstream(DeviceCa.generate("overload-upstream-ca"));
        AuditSpool spool =
            AuditSpool.open(dir.resolve("spool.log"), dir.resolve("offset"), 1 << 20)) {
      DecisionService decisions =
          new DecisionService(
              DecisionPipeline.standard(
                  ContentScanner.standard(), ProxyContext.DEFAULT_MAX_BODY_BYTES),
              () -> policy,
              spool,
              new DecisionService.AuditContext("device-1", "alice"),
              Clock.systemUTC());
      ProxyServer proxy =
          new ProxyServer(
              new ProxyContext(
                  InterceptScope.of(() -> Optional.of(policy.document())),
                  new LeafMinter(deviceCa, 4),
                  UpstreamTrust.clientContext(List.of(upstream.writeCaPem(dir))),
                  decisions,
                  new AlwaysFull(),
                  ProxyContext.DEFAULT_MAX_BODY_BYTES));
      try {
        InetSocketAddress address = proxy.start(new InetSocketAddress("127.0.0.1", 0));
        HttpClient client =
            HttpClient.newBuilder()
                .proxy(ProxySelector.of(address))
                .sslContext(TestTls.trusting(deviceCa.certificate()))
                .version(HttpClient.Version.HTTP_1_1)
                .build();

        HttpResponse<String> response =
            client.send(
                HttpRequest.newBuilder(
                        URI.create("https://localhost:" + upstream.port() + "/v1/chat/completions"))
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"content\":\"hello\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(503, response.statusCode(), response.body());
        assertTrue(response.body().contains("overloaded"), response.body());
        assertTrue(upstream.bodies.isEmpty(), "nothing may reach the upstream");
        assertEquals(1, decisions.overloadRefusals());
      } finally {
        proxy.close();
      }
    }
  }

  /** A decision pool whose queue is always full. */
  private static final class AlwaysFull extends AbstractExecutorService {
    @Override
    public void execute(Runnable command) {
      throw new RejectedExecutionException("queue full");
    }

    @Override
    public void shutdown() {}

    @Override
    public List<Runnable> shutdownNow() {
      return List.of();
    }

    @Override
    public boolean isShutdown() {
      return false;
    }

    @Override
    public boolean isTerminated() {
      return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return true;
    }
  }
}
