package dev.tether.server.policy;

import dev.tether.core.bundle.Identifiers;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;

/** Creates tenants (with their signing keys) and device groups. */
@Stateless
public class TenantService {
  private static final System.Logger LOG = System.getLogger(TenantService.class.getName());

  /** Most tenants, or groups of one tenant, listed by one call. */
  public static final int MAX_LISTED = 1000;

  @Inject PolicyRepository repository;
  @Inject TrustService trust;

  /**
   * Creates a tenant and its root of trust (root keys, root version 1, a signing key).
   *
   * @throws TetherException CONFLICT if the id is taken
   */
  public void createTenant(String id, String name) {
    Identifiers.require("tenant.id", id);
    if (repository.tenant(id).isPresent()) {
      throw TetherException.conflict("tenant.id: \"" + id + "\" already exists");
    }
    repository.persist(new Tenant(id, name, Instant.now().toEpochMilli()));
    trust.createRoot(id, "admin");
    LOG.log(Level.INFO, "created tenant {0}", id);
  }

  /**
   * Creates a device group in an existing tenant.
   *
   * @throws TetherException NOT_FOUND for an unknown tenant, CONFLICT if the group exists
   */
  public void createGroup(String tenant, String id, String name) {
    requireTenant(tenant);
    Identifiers.require("group.id", id);
    if (repository.group(tenant, id).isPresent()) {
      throw TetherException.conflict("group.id: \"" + id + "\" already exists in tenant " + tenant);
    }
    repository.persist(new DeviceGroup(tenant, id, name));
    LOG.log(Level.INFO, "created group {0}/{1}", tenant, id);
  }

  /** Every tenant, by id (at most {@value #MAX_LISTED}). */
  public List<TenantSummary> listTenants() {
    return repository.tenants(MAX_LISTED).stream()
        .map(
            row ->
                new TenantSummary(
                    (String) row[0], (String) row[1], Instant.ofEpochMilli((Long) row[2])))
        .toList();
  }

  /**
   * A tenant's device groups, by id (at most {@value #MAX_LISTED}).
   *
   * @throws TetherException NOT_FOUND for an unknown tenant
   */
  public List<GroupSummary> listGroups(String tenant) {
    requireTenant(tenant);
    return repository.groups(tenant, MAX_LISTED).stream()
        .map(row -> new GroupSummary((String) row[0], (String) row[1]))
        .toList();
  }

  /**
   * @throws TetherException NOT_FOUND naming the tenant
   */
  public void requireTenant(String tenant) {
    if (!Identifiers.isValid(tenant) || repository.tenant(tenant).isEmpty()) {
      throw TetherException.notFound("tenant: \"" + tenant + "\" does not exist");
    }
  }

  /**
   * Locks the tenant row until the transaction ends (serialises conditional updates of per-tenant
   * settings).
   *
   * @throws TetherException NOT_FOUND naming the tenant
   */
  public void lockTenant(String tenant) {
    if (!Identifiers.isValid(tenant) || repository.lockTenant(tenant).isEmpty()) {
      throw TetherException.notFound("tenant: \"" + tenant + "\" does not exist");
    }
  }

  /**
   * @throws TetherException NOT_FOUND naming the tenant or group
   */
  public void requireGroup(String tenant, String group) {
    requireTenant(tenant);
    if (!Identifiers.isValid(group) || repository.group(tenant, group).isEmpty()) {
      throw TetherException.notFound("group: \"" + group + "\" does not exist in tenant " + tenant);
    }
  }
}
