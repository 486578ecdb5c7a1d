package dev.tether.server.policy;

import dev.tether.core.bundle.BundlePayload;
import dev.tether.core.bundle.BundleSigner;
import dev.tether.core.crypto.Digests;
import dev.tether.core.json.JsonCodec;
import dev.tether.core.policy.PolicyDocument;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** Policy authoring and distribution: drafts, signed versioned publishing, the current bundle. */
@Stateless
public class PolicyService {
  private static final System.Logger LOG = System.getLogger(PolicyService.class.getName());
  private static final int MAX_LISTED_VERSIONS = 1000;

  @Inject PolicyRepository repository;
  @Inject TenantService tenants;
  @Inject TenantKeys keys;
  @Inject BundleTags tags;

  @Resource TransactionSynchronizationRegistry transactions;

  /**
   * Stores {@code document} (validated here again) as the group's draft, replacing any earlier.
   *
   * @return the validated document as stored
   */
  public PolicyDocument saveDraft(String tenant, String group, PolicyDocument document) {
    tenants.requireGroup(tenant, group);
    PolicyDocument validated = document.validated();
    repository.saveDraft(tenant, group, JsonCodec.write(validated), Instant.now());
    LOG.log(Level.INFO, "saved policy draft for {0}/{1}", tenant, group);
    return validated;
  }

  /**
   * Signs the group's draft as the next version (previous highest + 1). The group row is locked for
   * the transaction and (tenant, group, version) is unique, so concurrent publishes never share a
   * number.
   *
   * @throws TetherException NOT_FOUND for an unknown group, CONFLICT when there is no draft
   */
  public PublishedVersion publish(String tenant, String group) {
    tenants.requireTenant(tenant);
    repository
        .lockGroup(tenant, group)
        .orElseThrow(
            () ->
                TetherException.notFound(
                    "group: \"" + group + "\" does not exist in tenant " + tenant));
    PolicyDraft draft =
        repository
            .draft(tenant, group)
            .orElseThrow(
                () ->
                    TetherException.conflict(
                        "policy.draft: none saved for " + tenant + "/" + group));
    PolicyDocument document = JsonCodec.read(draft.document, PolicyDocument.class).validated();
    long version = repository.maxVersion(tenant, group) + 1;
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Instant expiresAt = now.plus(document.lifetime());
    byte[] envelope =
        BundleSigner.create(keys.load(tenant))
            .sign(
                new BundlePayload(
                    BundlePayload.FORMAT, tenant, group, version, now, expiresAt, document));
    String digest = Digests.sha256(envelope);
    repository.persist(
        new PolicyVersion(
            tenant,
            group,
            version,
            envelope,
            digest,
            now.toEpochMilli(),
            expiresAt.toEpochMilli(),
            Instant.now().toEpochMilli()));
    invalidateAfterCompletion(tenant, group);
    LOG.log(
        Level.INFO, "published policy {0}/{1} version {2} ({3})", tenant, group, version, digest);
    return new PublishedVersion(version, digest, now, expiresAt);
  }

  /** Published versions of the group, newest first. */
  public List<PublishedVersion> versions(String tenant, String group) {
    tenants.requireGroup(tenant, group);
    return repository.versions(tenant, group, MAX_LISTED_VERSIONS);
  }

  /**
   * The group's newest bundle. When {@code ifNoneMatch} matches its ETag, answers the ETag alone
   * without touching the database (cached tag).
   *
   * @throws TetherException NOT_FOUND when nothing is published
   */
  public CurrentBundle currentBundle(String tenant, String group, String ifNoneMatch) {
    Optional<BundleTags.Tag> tag = tags.latest(tenant, group);
    if (tag.isEmpty()) {
      throw TetherException.notFound("bundle: nothing published for " + tenant + "/" + group);
    }
    if (CurrentBundle.matches(ifNoneMatch, tag.get().etag())) {
      return new CurrentBundle(tag.get().etag(), Optional.empty());
    }
    PolicyVersion latest =
        repository
            .latest(tenant, group)
            .orElseThrow(
                () ->
                    TetherException.notFound(
                        "bundle: nothing published for " + tenant + "/" + group));
    return new CurrentBundle(
        CurrentBundle.etag(latest.version, latest.digest), Optional.of(latest.envelope));
  }

  private void invalidateAfterCompletion(String tenant, String group) {
    tags.invalidate(tenant, group);
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            tags.invalidate(tenant, group);
          }
        });
  }
}
