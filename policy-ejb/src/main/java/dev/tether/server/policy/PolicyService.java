package dev.tether.server.policy;

import dev.tether.core.bundle.BundlePayload;
import dev.tether.core.bundle.BundleSigner;
import dev.tether.core.bundle.PolicyScope;
import dev.tether.core.bundle.SignedBundle;
import dev.tether.core.crypto.Digests;
import dev.tether.core.json.JsonCodec;
import dev.tether.core.policy.PolicyDocument;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Policy authoring and distribution: drafts, signed versioned publishing, rollback (an older
 * version's content under a new, higher version), re-signing, history and diffs, and the current
 * bundle for devices.
 */
@Stateless
public class PolicyService {
  private static final System.Logger LOG = System.getLogger(PolicyService.class.getName());
  private static final int MAX_LISTED_VERSIONS = 1000;
  private static final int MAX_NOTE = 500;

  @Inject PolicyRepository repository;
  @Inject TenantService tenants;
  @Inject TrustService trust;
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
   * Stores {@code document} (validated here again) as the group's draft if {@code ifMatch} names
   * the current draft's tag. Replacing an existing draft requires {@code If-Match} (lost-update
   * protection); creating the first draft does not. Checked under the group lock.
   *
   * @throws TetherException PRECONDITION_REQUIRED, PRECONDITION_FAILED ({@link EntityTags}),
   *     NOT_FOUND for an unknown group
   */
  public DraftView saveDraft(String tenant, String group, PolicyDocument document, String ifMatch) {
    PolicyDocument validated = document.validated();
    lockGroup(tenant, group);
    Optional<String> current = repository.draft(tenant, group).map(d -> EntityTags.of(d.document));
    EntityTags.check(ifMatch, current, current.isPresent(), draftName(tenant, group));
    byte[] canonical = JsonCodec.write(validated);
    repository.saveDraft(tenant, group, canonical, Instant.now());
    LOG.log(Level.INFO, "saved policy draft for {0}/{1}", tenant, group);
    return new DraftView(validated, EntityTags.of(canonical));
  }

  /**
   * The group's draft and its tag (what policy-as-code exports and edits).
   *
   * @throws TetherException NOT_FOUND for an unknown group or when no draft was saved yet
   */
  public DraftView draft(String tenant, String group) {
    tenants.requireGroup(tenant, group);
    PolicyDraft draft =
        repository
            .draft(tenant, group)
            .orElseThrow(
                () ->
                    TetherException.notFound(
                        "policy.draft: none saved for " + tenant + "/" + group));
    return new DraftView(
        JsonCodec.read(draft.document, PolicyDocument.class), EntityTags.of(draft.document));
  }

  /**
   * Publishes the draft as {@link #publish(String, String, String, String)} does, but only if
   * {@code ifMatch} (optional) still names the draft the caller validated.
   *
   * @throws TetherException PRECONDITION_FAILED when the draft changed since
   */
  public PublishedVersion publish(
      String tenant, String group, String actor, String note, String ifMatch) {
    lockGroup(tenant, group);
    if (ifMatch != null && !ifMatch.isBlank()) {
      EntityTags.check(
          ifMatch,
          repository.draft(tenant, group).map(d -> EntityTags.of(d.document)),
          true,
          draftName(tenant, group));
    }
    return publish(tenant, group, actor, note);
  }

  private static String draftName(String tenant, String group) {
    return "policy draft of " + tenant + "/" + group;
  }

  /**
   * Signs the group's draft as the next version (previous highest + 1). The group row is locked for
   * the transaction and (tenant, group, version) is unique, so concurrent publishes never share a
   * number.
   *
   * @throws TetherException NOT_FOUND for an unknown group, CONFLICT when there is no draft or no
   *     valid signing key
   */
  public PublishedVersion publish(String tenant, String group, String actor, String note) {
    lockGroup(tenant, group);
    PolicyDraft draft =
        repository
            .draft(tenant, group)
            .orElseThrow(
                () ->
                    TetherException.conflict(
                        "policy.draft: none saved for " + tenant + "/" + group));
    PolicyDocument document = JsonCodec.read(draft.document, PolicyDocument.class).validated();
    return signAndStore(
        tenant,
        group,
        document,
        PublishedVersion.Kind.PUBLISH,
        0,
        actor,
        note,
        trust.signer(tenant));
  }

  /**
   * Republishes the content of {@code toVersion} as a new, higher version (never a lower counter,
   * which devices would refuse as a rollback attack). The group's draft is set to that content too,
   * so the next edit starts from what is live.
   *
   * @throws TetherException NOT_FOUND for an unknown group or version
   */
  public PublishedVersion rollback(
      String tenant, String group, long toVersion, String actor, String note) {
    lockGroup(tenant, group);
    PolicyDocument document = content(requireVersion(tenant, group, toVersion));
    repository.saveDraft(tenant, group, JsonCodec.write(document), Instant.now());
    return signAndStore(
        tenant,
        group,
        document,
        PublishedVersion.Kind.ROLLBACK,
        toVersion,
        actor,
        note == null ? "rollback to version " + toVersion : note,
        trust.signer(tenant));
  }

  /**
   * Re-signs the newest content of every published group of the tenant with {@code signer} (after a
   * signing-key revocation, so devices holding a bundle signed by the revoked key get a valid one
   * at their next poll). Runs in the caller's transaction.
   *
   * @return the number of groups re-signed
   */
  public int resignAll(String tenant, TrustCache.Signer signer, String actor, String note) {
    int count = 0;
    for (String group : repository.publishedGroups(tenant)) {
      lockGroup(tenant, group);
      PolicyVersion latest = repository.latest(tenant, group).orElseThrow();
      signAndStore(
          tenant,
          group,
          content(latest),
          PublishedVersion.Kind.RESIGN,
          latest.version,
          actor,
          note,
          signer);
      count++;
    }
    return count;
  }

  /** Groups whose newest bundle is past half its lifetime at {@code now}: {tenant, group} pairs. */
  public List<String[]> dueForRefresh(Instant now) {
    return repository.latestPerGroup().stream()
        .filter(row -> pastHalfLife((Long) row[2], (Long) row[3], now.toEpochMilli()))
        .map(row -> new String[] {(String) row[0], (String) row[1]})
        .toList();
  }

  /**
   * Re-signs the group's newest content as a new version if it is still past half its lifetime
   * (re-checked under the group lock, so concurrent refreshes sign once).
   *
   * <p>Runs as the leased refresh job: fails with {@link
   * dev.tether.server.cluster.LeaseLostException} (nothing signed) unless {@code grant} is still
   * held when the transaction writes.
   *
   * @return true if a new version was signed
   */
  public boolean refresh(String tenant, String group, dev.tether.server.cluster.LeaseGrant grant) {
    repository.fence(grant);
    lockGroup(tenant, group);
    PolicyVersion latest = repository.latest(tenant, group).orElseThrow();
    if (!pastHalfLife(
        latest.issuedAtMillis, latest.expiresAtMillis, Instant.now().toEpochMilli())) {
      return false;
    }
    signAndStore(
        tenant,
        group,
        content(latest),
        PublishedVersion.Kind.RESIGN,
        latest.version,
        "system",
        "re-signed before expiry",
        trust.signer(tenant));
    return true;
  }

  /** True once half of a bundle's lifetime [issued, expires) has passed at {@code now}. */
  static boolean pastHalfLife(long issuedMillis, long expiresMillis, long nowMillis) {
    return nowMillis >= issuedMillis + (expiresMillis - issuedMillis) / 2;
  }

  /**
   * The policy a simulation runs against when the author sends none: the group's saved draft, else
   * its newest published version.
   *
   * @throws TetherException NOT_FOUND for an unknown group, CONFLICT when the group has neither
   */
  public PolicyUnderTest policyUnderTest(String tenant, String group) {
    tenants.requireGroup(tenant, group);
    Optional<PolicyDraft> draft = repository.draft(tenant, group);
    if (draft.isPresent()) {
      return new PolicyUnderTest(
          JsonCodec.read(draft.get().document, PolicyDocument.class).validated(), "draft", 0);
    }
    PolicyVersion latest =
        repository
            .latest(tenant, group)
            .orElseThrow(
                () ->
                    TetherException.conflict(
                        "simulate.policy: no draft or published policy for "
                            + tenant
                            + "/"
                            + group
                            + "; send one as \"policy\""));
    return new PolicyUnderTest(content(latest), "published", latest.version);
  }

  /** Published versions of the group (the history), newest first. */
  public List<PublishedVersion> versions(String tenant, String group) {
    tenants.requireGroup(tenant, group);
    return repository.versions(tenant, group, 0, MAX_LISTED_VERSIONS);
  }

  /** One page of the group's history, newest first, and the number of versions. */
  public Page<PublishedVersion> versions(String tenant, String group, int offset, int limit) {
    Page.requireValid(offset, limit);
    tenants.requireGroup(tenant, group);
    return new Page<>(
        repository.versions(tenant, group, offset, limit),
        repository.countVersions(tenant, group),
        offset,
        limit);
  }

  /** Most versions {@link #tenantHistory} lists. */
  public static final int MAX_TENANT_HISTORY = 10_000;

  /**
   * Every published version of every group of the tenant, oldest first, at most {@link
   * #MAX_TENANT_HISTORY} (the caller sees truncation when exactly that many come back).
   */
  public List<GroupVersion> tenantHistory(String tenant) {
    tenants.requireTenant(tenant);
    return repository.tenantVersions(tenant, MAX_TENANT_HISTORY);
  }

  /** One version's history entry and its policy document. */
  public VersionDetail version(String tenant, String group, long version) {
    tenants.requireGroup(tenant, group);
    PolicyVersion row = requireVersion(tenant, group, version);
    return new VersionDetail(row.summary(), content(row));
  }

  /** What changed from version {@code from} to version {@code to}. */
  public PolicyDiff diff(String tenant, String group, long from, long to) {
    tenants.requireGroup(tenant, group);
    return PolicyDiff.of(
        from,
        JsonCodec.write(content(requireVersion(tenant, group, from))),
        to,
        JsonCodec.write(content(requireVersion(tenant, group, to))));
  }

  /**
   * The group's newest bundle. When {@code ifNoneMatch} matches its ETag, answers the ETag alone
   * from memory: no signing, no query (cached tag).
   *
   * @throws TetherException NOT_FOUND when nothing is published
   */
  @jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.SUPPORTS)
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

  private PublishedVersion signAndStore(
      String tenant,
      String group,
      PolicyDocument document,
      PublishedVersion.Kind kind,
      long sourceVersion,
      String actor,
      String note,
      TrustCache.Signer signer) {
    long version = repository.maxVersion(tenant, group) + 1;
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Instant wanted = now.plus(document.lifetime());
    Instant keyEnd = signer.delegation().notAfter();
    // A bundle never outlives the key that signed it (devices would refuse it as expired_key).
    Instant expiresAt = wanted.isAfter(keyEnd) ? keyEnd : wanted;
    if (Duration.between(now, expiresAt).compareTo(PolicyDocument.MIN_BUNDLE_LIFETIME) < 0) {
      throw TetherException.conflict(
          "signing key "
              + signer.delegation().keyId()
              + " expires at "
              + keyEnd
              + ", too soon to sign a bundle; rotate the signing key");
    }
    BundlePayload payload =
        BundlePayload.create(new PolicyScope(tenant, group), version, now, expiresAt, document);
    byte[] envelope = BundleSigner.create(signer.key()).sign(payload);
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
                now.toEpochMilli())
            .describedBy(
                payload.contentDigest(),
                kind,
                sourceVersion,
                bounded(actor, 200),
                bounded(note, MAX_NOTE),
                signer.delegation().keyId()));
    invalidateAfterCompletion(tenant, group);
    LOG.log(
        Level.INFO,
        "{0} policy {1}/{2} version {3} ({4}) by {5}",
        kind,
        tenant,
        group,
        version,
        digest,
        actor);
    return new PublishedVersion(
        version,
        digest,
        now,
        expiresAt,
        payload.contentDigest(),
        kind,
        sourceVersion == 0 ? null : sourceVersion,
        bounded(actor, 200),
        now,
        bounded(note, MAX_NOTE),
        signer.delegation().keyId());
  }

  private void lockGroup(String tenant, String group) {
    tenants.requireTenant(tenant);
    repository
        .lockGroup(tenant, group)
        .orElseThrow(
            () ->
                TetherException.notFound(
                    "group: \"" + group + "\" does not exist in tenant " + tenant));
  }

  private PolicyVersion requireVersion(String tenant, String group, long version) {
    return repository
        .version(tenant, group, version)
        .orElseThrow(
            () ->
                TetherException.notFound(
                    "version: " + version + " is not published for " + tenant + "/" + group));
  }

  /** The policy inside a stored envelope (signed by this server; parsed, not re-verified). */
  private static PolicyDocument content(PolicyVersion row) {
    SignedBundle envelope = JsonCodec.read(row.envelope, SignedBundle.class);
    BundlePayload payload =
        JsonCodec.read(Base64.getDecoder().decode(envelope.payload()), BundlePayload.class);
    return payload.policy().validated();
  }

  private static String bounded(String value, int max) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String trimmed = value.strip();
    return trimmed.length() <= max ? trimmed : trimmed.substring(0, max);
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
