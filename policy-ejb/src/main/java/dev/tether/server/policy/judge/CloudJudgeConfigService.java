package dev.tether.server.policy.judge;

import dev.tether.server.policy.EntityTags;
import dev.tether.server.policy.TenantService;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Optional;

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

  /**
   * Replaces the tenant's settings if {@code ifMatch} names the current ones ({@link #etag}); the
   * header is required because the settings always exist (defaults until changed). The tenant row
   * is locked first, so two admins holding the same tag cannot both succeed.
   *
   * @throws TetherException PRECONDITION_REQUIRED, PRECONDITION_FAILED, NOT_FOUND
   */
  public CloudJudgeSettings update(String tenant, CloudJudgeSettings settings, String ifMatch) {
    tenants.lockTenant(tenant);
    CloudJudgeConfig c = em.find(CloudJudgeConfig.class, tenant);
    CloudJudgeSettings current = c == null ? CloudJudgeSettings.DEFAULT : c.settings();
    EntityTags.check(
        ifMatch, Optional.of(etag(current)), true, "cloud-judge settings of " + tenant);
    return update(tenant, settings);
  }

  /** The entity tag of {@code settings} (their canonical JSON). */
  public static String etag(CloudJudgeSettings settings) {
    return EntityTags.of(
        settings.enabled() + "|" + settings.threshold() + "|" + settings.timeout().toMillis());
  }
}
