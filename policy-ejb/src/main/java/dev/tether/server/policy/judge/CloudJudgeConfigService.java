package dev.tether.server.policy.judge;

import dev.tether.server.policy.TenantService;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

/** Reads and changes each tenant's {@link CloudJudgeSettings}; unknown tenants are 404. */
@Stateless
public class CloudJudgeConfigService {
  @PersistenceContext(unitName = "tether-policy")
  EntityManager em;

  @Inject TenantService tenants;

  /** The tenant's settings, {@link CloudJudgeSettings#DEFAULT} until an admin changes them. */
  public CloudJudgeSettings settings(String tenant) {
    tenants.requireTenant(tenant);
    CloudJudgeConfig c = em.find(CloudJudgeConfig.class, tenant);
    return c == null ? CloudJudgeSettings.DEFAULT : c.settings();
  }

  /** Replaces the tenant's settings (already validated by the record) and returns them. */
  public CloudJudgeSettings update(String tenant, CloudJudgeSettings settings) {
    tenants.requireTenant(tenant);
    CloudJudgeConfig c = em.find(CloudJudgeConfig.class, tenant);
    if (c == null) {
      c = new CloudJudgeConfig(tenant);
      c.apply(settings, Instant.now());
      em.persist(c);
    } else {
      c.apply(settings, Instant.now());
    }
    return c.settings();
  }
}
