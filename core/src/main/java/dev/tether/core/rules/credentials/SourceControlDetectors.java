package dev.tether.core.rules.credentials;

import dev.tether.core.policy.DetectorFamilies;
import dev.tether.core.rules.Detector;
import dev.tether.core.rules.Severity;
import dev.tether.core.rules.support.Base62Checksum;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Family {@value #FAMILY}: GitHub (every prefixed token type, with the CRC32 checksum of the
 * classic formats verified), GitLab (every documented prefix), Bitbucket and Atlassian, Azure
 * DevOps.
 */
final class SourceControlDetectors {
  static final String FAMILY = DetectorFamilies.SOURCE_CONTROL_CREDENTIALS;

  private SourceControlDetectors() {}

  static List<Detector> all() {
    List<Detector> list = new ArrayList<>();
    // GitHub: prefix, 30 random base62 characters, 6-character base62 CRC32 of those 30.
    list.add(github("github-pat", "ghp_", Severity.CRITICAL));
    list.add(github("github-oauth-token", "gho_", Severity.CRITICAL));
    list.add(github("github-user-to-server-token", "ghu_", Severity.CRITICAL));
    list.add(github("github-server-to-server-token", "ghs_", Severity.HIGH));
    list.add(github("github-refresh-token", "ghr_", Severity.CRITICAL));
    list.add(
        Defs.token(
            "github-fine-grained-pat",
            "github-token",
            FAMILY,
            Severity.CRITICAL,
            0.97,
            Set.of("github_pat_"),
            "github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}"));
    // GitLab: one prefix per token kind, then at least 20 URL-safe characters; newer routable
    // tokens append dot-separated segments.
    list.add(gitlab("gitlab-pat", "glpat-", Severity.CRITICAL));
    list.add(gitlab("gitlab-deploy-token", "gldt-", Severity.HIGH));
    list.add(gitlab("gitlab-runner-token", "glrt-", Severity.HIGH));
    list.add(gitlab("gitlab-pipeline-trigger-token", "glptt-", Severity.HIGH));
    list.add(gitlab("gitlab-feed-token", "glft-", Severity.HIGH));
    list.add(gitlab("gitlab-ci-job-token", "glcbt-", Severity.HIGH));
    list.add(gitlab("gitlab-oauth-app-secret", "gloas-", Severity.CRITICAL));
    list.add(gitlab("gitlab-scim-token", "glsoat-", Severity.HIGH));
    list.add(gitlab("gitlab-incoming-mail-token", "glimt-", Severity.HIGH));
    list.add(gitlab("gitlab-agent-token", "glagent-", Severity.HIGH));
    list.add(gitlab("gitlab-feature-flag-token", "glffct-", Severity.HIGH));
    list.add(
        Defs.token(
            "gitlab-runner-registration-token",
            "gitlab-token",
            FAMILY,
            Severity.HIGH,
            0.95,
            Set.of("gr1348941"),
            "GR1348941[A-Za-z0-9_-]{20,40}+",
            v -> Values.plausible(v.substring(9), 3.5)));
    // Atlassian: Bitbucket app passwords (ATBB), API tokens (ATATT3), access tokens (ATCTT3).
    list.add(
        Defs.token(
            "bitbucket-app-password",
            "bitbucket-token",
            FAMILY,
            Severity.CRITICAL,
            0.9,
            Set.of("atbb"),
            "ATBB[A-Za-z0-9_=.-]{28,60}+",
            v -> Values.characterClasses(v) >= 3 && Values.plausible(v, 4.0)));
    list.add(
        Defs.token(
            "atlassian-api-token",
            "atlassian-token",
            FAMILY,
            Severity.CRITICAL,
            0.95,
            Set.of("atatt3"),
            "ATATT3[A-Za-z0-9_=-]{100,300}+",
            v -> Values.plausible(v, 4.5)));
    list.add(
        Defs.token(
            "bitbucket-access-token",
            "bitbucket-token",
            FAMILY,
            Severity.CRITICAL,
            0.95,
            Set.of("atctt3"),
            "ATCTT3[A-Za-z0-9_=-]{100,300}+",
            v -> Values.plausible(v, 4.5)));
    // Azure DevOps: the 84-character format carries the AZDO signature at a fixed offset; the
    // legacy 52-character base32 PAT has no marker and needs its key.
    list.add(
        Defs.token(
            "azure-devops-pat",
            "azure-devops-token",
            FAMILY,
            Severity.CRITICAL,
            0.95,
            Set.of("azdo"),
            "[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4}",
            v -> Values.plausible(v, 4.0),
            76));
    list.add(
        Defs.keyed(
            "azure-devops-legacy-pat",
            "azure-devops-token",
            FAMILY,
            Severity.CRITICAL,
            0.8,
            Set.of("azure_devops", "azure-devops", "azuredevops", "azdo", "vsts", "ado_"),
            "azure[_-]?devops|azdo|vsts|ado_",
            "[a-z2-7]{52}",
            3.8));
    return List.copyOf(list);
  }

  private static Detector github(String id, String prefix, Severity severity) {
    return Defs.token(
        id,
        "github-token",
        FAMILY,
        severity,
        0.99,
        Set.of(prefix),
        prefix + "[A-Za-z0-9]{36}",
        v -> Base62Checksum.hasValidSuffix(v, 30));
  }

  private static Detector gitlab(String id, String prefix, Severity severity) {
    return Defs.token(
        id,
        "gitlab-token",
        FAMILY,
        severity,
        0.95,
        Set.of(prefix),
        prefix + "[A-Za-z0-9_-]{20,300}+(?:\\.[A-Za-z0-9_-]{2,64}+){0,3}",
        v -> Values.plausible(v.substring(prefix.length()), 3.5));
  }
}
