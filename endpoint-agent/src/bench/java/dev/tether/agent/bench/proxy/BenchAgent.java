package dev.tether.agent.bench.proxy;

import dev.tether.agent.TestPolicies;
import dev.tether.agent.audit.AuditSpool;
import dev.tether.agent.enforce.DecisionService;
import dev.tether.agent.enforce.Enforcer;
import dev.tether.agent.pipeline.ContentScanner;
import dev.tether.agent.pipeline.DecisionPipeline;
import dev.tether.agent.pipeline.DestinationRulesStage;
import dev.tether.agent.pipeline.DetectorStage;
import dev.tether.agent.pipeline.ModeMapping;
import dev.tether.agent.pipeline.PolicyPresenceStage;
import dev.tether.agent.policy.ActivePolicy;
import dev.tether.agent.proxy.DecisionThreads;
import dev.tether.agent.proxy.InterceptScope;
import dev.tether.agent.proxy.ProxyContext;
import dev.tether.agent.proxy.ProxyServer;
import dev.tether.agent.proxy.Transport;
import dev.tether.agent.tls.DeviceCa;
import dev.tether.agent.tls.LeafMinter;
import dev.tether.agent.tls.UpstreamTls;
import dev.tether.agent.tls.UpstreamTrust;
import dev.tether.core.policy.AiDestination;
import dev.tether.core.policy.PolicyDocument;
import dev.tether.core.policy.Provider;
import dev.tether.core.policy.ResponseMode;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * The agent's proxy as the daemon builds it (standard pipeline with the real rule set, a signed and
 * verified policy, the durable audit spool, epoll where available), in its own JVM so its memory
 * can be measured. {@code localhost} and {@code *.bench.test} are OpenAI destinations.
 *
 * <p>Usage: {@code BenchAgent <dir> <port> [judge]}; writes {@code <dir>/device-ca.pem}. Without
 * {@code judge} the pipeline is the standard one minus the on-device judge and escalation stages
 * (policy presence, destination rules, the real rule set, mode mapping): the latency
 * target excludes the judge.
 */
public final class BenchAgent {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int port = Integer.parseInt(args[1]);
    boolean judge = args.length > 2 && args[2].equals("judge");
    DeviceCa ca = DeviceCa.generate("bench-device");
    Files.write(dir.resolve("device-ca.pem"), ca.certificatePem());
    PolicyDocument document =
        new PolicyDocument(
            "Bench policy",
            List.of(
                new AiDestination("localhost", Provider.OPENAI),
                new AiDestination("*.bench.test", Provider.OPENAI)),
            List.of(),
            Map.of("cloud-credentials", ResponseMode.BLOCK, "private-keys", ResponseMode.BLOCK),
            ResponseMode.ALLOW,
            "P1D");
    ActivePolicy policy = TestPolicies.active(Files.createTempDirectory(dir, "state"), document);
    AuditSpool spool =
        AuditSpool.open(
            System.getenv("TETHER_BENCH_SPOOL") != null
                ? Path.of(System.getenv("TETHER_BENCH_SPOOL"))
                : dir.resolve("spool"),
            dir.resolve("offset"),
            256L << 20);
    ThreadPoolExecutor executor = DecisionThreads.create("bench-decision");
    DecisionService decisions =
        new DecisionService(
            judge
                ? DecisionPipeline.standard(
                    ContentScanner.standard(), ProxyContext.DEFAULT_MAX_BODY_BYTES)
                : new DecisionPipeline(
                    List.of(
                        new PolicyPresenceStage(),
                        new DestinationRulesStage(),
                        new DetectorStage(
                            ContentScanner.standard(), ProxyContext.DEFAULT_MAX_BODY_BYTES)),
                    new ModeMapping()),
            () -> policy,
            spool,
            new DecisionService.AuditContext("bench-device", "bench"),
            Clock.systemUTC());
    ProxyServer proxy =
        new ProxyServer(
            new ProxyContext(
                InterceptScope.of(() -> Optional.of(policy.document())),
                new LeafMinter(ca, LeafMinter.DEFAULT_CACHE_SIZE),
                new UpstreamTls(UpstreamTrust.anchors(List.of(dir.resolve("upstream-ca.pem")))),
                new Enforcer(decisions),
                executor,
                ProxyContext.DEFAULT_MAX_BODY_BYTES,
                Transport.auto(null)));
    InetSocketAddress bound = proxy.start(new InetSocketAddress("127.0.0.1", port));
    System.out.println(
        "agent ready on " + bound + " pid " + ProcessHandle.current().pid() + " judge=" + judge);
    Thread.currentThread().join();
  }
}
