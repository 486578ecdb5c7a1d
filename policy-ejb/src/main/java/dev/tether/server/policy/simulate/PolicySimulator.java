package dev.tether.server.policy.simulate;

import dev.tether.core.crypto.Digests;
import dev.tether.core.json.JsonCodec;
import dev.tether.core.policy.PolicyDocument;
import dev.tether.core.rules.RuleEngine;
import dev.tether.server.policy.PolicyService;
import dev.tether.server.policy.PolicyUnderTest;
import dev.tether.server.policy.TenantService;
import dev.tether.server.policy.judge.CloudJudgeService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs simulations for a group ({@link SimulationRun}): resolves the policy (the one sent, else the
 * group's draft, else its newest published version), builds that policy's rule engine (cached per
 * policy content, {@value #ENGINES} kept) and classifies with the server's cloud judge model,
 * bounded by {@link #JUDGE_TIMEOUT}. Never logs the payload.
 */
@ApplicationScoped
public class PolicySimulator {
  static final int ENGINES = 8;

  /** Longest the simulator waits for the judge model. */
  public static final Duration JUDGE_TIMEOUT = Duration.ofSeconds(5);

  @Inject PolicyService policies;
  @Inject TenantService tenants;
  @Inject CloudJudgeService judge;

  private final Map<String, RuleEngine> engines =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RuleEngine> eldest) {
          return size() > ENGINES;
        }
      };

  /**
   * Simulates {@code request} for {@code tenant}/{@code group}.
   *
   * @throws dev.tether.server.policy.TetherException NOT_FOUND for an unknown group, CONFLICT when
   *     no policy is given and the group has neither a draft nor a published version
   * @throws dev.tether.core.policy.PolicyValidationException when the given policy is invalid
   */
  public Simulation simulate(String tenant, String group, SimulationRequest request) {
    PolicyUnderTest policy;
    if (request.policy() != null) {
      tenants.requireGroup(tenant, group);
      policy = new PolicyUnderTest(request.policy().validated(), "request", 0);
    } else {
      policy = policies.policyUnderTest(tenant, group);
    }
    return new SimulationRun(
            policy,
            request,
            engineFor(policy.document()),
            r -> judge.classifyForSimulation(tenant, r, JUDGE_TIMEOUT))
        .run();
  }

  private RuleEngine engineFor(PolicyDocument document) {
    String key = Digests.sha256(JsonCodec.write(document));
    synchronized (engines) {
      RuleEngine cached = engines.get(key);
      if (cached != null) {
        return cached;
      }
    }
    RuleEngine built = RuleEngine.forPolicy(document);
    synchronized (engines) {
      engines.put(key, built);
    }
    return built;
  }
}
