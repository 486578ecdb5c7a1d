package dev.tether.agent.proxy;

import dev.tether.agent.TestPolicies;
import dev.tether.agent.enforce.ModeHandlers;
import dev.tether.agent.testsupport.H2TestUpstream;
import dev.tether.agent.testsupport.TestTls;
import dev.tether.agent.tls.DeviceCa;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Benchmark (not a test): latency of one small request through the proxy to an h2 upstream versus
 * an HTTP/1.1-only upstream (same Netty fake, same client: JDK HttpClient over HTTP/1.1 keep-alive
 * to the proxy), and the upstream connections 100 concurrent client streams use. Run:
 *
 * <pre>
 * mvn -o -pl endpoint-agent test-compile dependency:build-classpath \
 *   -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * cd endpoint-agent &amp;&amp; java -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *   dev.tether.agent.proxy.H2UpstreamBench [requests]
 * </pre>
 */
public final class H2UpstreamBench {
  static final String BODY =
      "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"explain this loop\"}]}";

  public static void main(String[] args) throws Exception {
    int requests = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    Path dir = Files.createTempDirectory("h2-bench");
    DeviceCa ca = DeviceCa.generate("bench-upstream-ca");
    try (H2TestUpstream h2 = new H2TestUpstream(ca, "localhost", true);
        H2TestUpstream http1 = new H2TestUpstream(ca, "localhost", false);
        ProxyFixture proxy =
            new ProxyFixture(
                dir,
                TestPolicies.document(List.of()),
                ModeHandlers.none(),
                h2.writeCaPem(ca, dir),
                null)) {
      for (String mode : List.of("http1", "h2", "http1", "h2")) {
        H2TestUpstream upstream = mode.equals("h2") ? h2 : http1;
        HttpClient client = client(proxy, HttpClient.Version.HTTP_1_1);
        long[] nanos = new long[requests];
        for (int i = -200; i < requests; i++) {
          long start = System.nanoTime();
          HttpResponse<String> response =
              client.send(post(upstream), HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() != 201) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
          }
          if (i >= 0) {
            nanos[i] = System.nanoTime() - start;
          }
        }
        Arrays.sort(nanos);
        System.out.printf(
            "upstream %-5s p50 %.3f ms  p99 %.3f ms  (%d requests, 1 client connection)%n",
            mode, nanos[requests / 2] / 1e6, nanos[requests * 99 / 100] / 1e6, requests);
      }
      int before = h2.connections.get();
      HttpClient multiplexed = client(proxy, HttpClient.Version.HTTP_2);
      List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        all.add(multiplexed.sendAsync(post(h2), HttpResponse.BodyHandlers.ofString()));
      }
      int ok = 0;
      for (var future : all) {
        ok += future.get().statusCode() == 201 ? 1 : 0;
      }
      System.out.printf(
          "100 concurrent h2 client streams: %d answered; new upstream connections %d; h2 upstream"
              + " connections over the whole run %d; pooled now %d%n",
          ok,
          h2.connections.get() - before,
          h2.connections.get(),
          proxy.context.h2Pool().connections());
    }
  }

  private static HttpClient client(ProxyFixture proxy, HttpClient.Version version)
      throws Exception {
    return HttpClient.newBuilder()
        .proxy(ProxySelector.of(proxy.address))
        .sslContext(TestTls.trusting(proxy.deviceCa.certificate()))
        .version(version)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  private static HttpRequest post(H2TestUpstream upstream) {
    return HttpRequest.newBuilder(
            URI.create("https://localhost:" + upstream.port() + "/v1/chat/completions"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(BODY))
        .build();
  }
}
