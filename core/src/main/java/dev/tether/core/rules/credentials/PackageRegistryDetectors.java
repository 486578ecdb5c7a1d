package dev.tether.core.rules.credentials;

import dev.tether.core.policy.DetectorFamilies;
import dev.tether.core.rules.Detector;
import dev.tether.core.rules.Severity;
import dev.tether.core.rules.support.Base62Checksum;
import java.util.List;
import java.util.Set;

/**
 * Family {@value #FAMILY}: npm (checksum verified), {@code .npmrc}/{@code .yarnrc} auth tokens,
 * PyPI, NuGet, RubyGems, Docker Hub, Docker {@code config.json} auths, JFrog Artifactory and
 * crates.io.
 */
final class PackageRegistryDetectors {
  static final String FAMILY = DetectorFamilies.PACKAGE_REGISTRY_CREDENTIALS;

  private PackageRegistryDetectors() {}

  static List<Detector> all() {
    return List.of(
        // npm: "npm_", 30 random base62 characters, then their base62 CRC32 (as GitHub).
        Defs.token(
            "npm-access-token",
            "npm-token",
            FAMILY,
            Severity.CRITICAL,
            0.99,
            Set.of("npm_"),
            "npm_[A-Za-z0-9]{36}",
            v -> Base62Checksum.hasValidSuffix(v, 30)),
        // Any other registry token in .npmrc (_authToken) or .yarnrc.yml (npmAuthToken);
        // npm_ tokens are left to the checksum-verified detector above.
        Defs.keyed(
            "npmrc-auth-token",
            "npm-token",
            FAMILY,
            Severity.CRITICAL,
            0.9,
            Set.of("_authtoken", "npmauthtoken"),
            "_authToken|npmAuthToken",
            "(?!npm_)[A-Za-z0-9_.+/=-]{20,512}+",
            3.0),
        // PyPI: a macaroon whose serialised location is pypi.org or test.pypi.org.
        Defs.token(
            "pypi-api-token",
            "pypi-token",
            FAMILY,
            Severity.CRITICAL,
            0.98,
            Set.of("pypi-ageichlwas5vcmc", "pypi-agendgvzdc5wexbplm9yzw"),
            "pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,1000}+"),
        Defs.token(
            "nuget-api-key",
            "nuget-api-key",
            FAMILY,
            Severity.CRITICAL,
            0.9,
            Set.of("oy2"),
            "oy2[a-z0-9]{43}",
            v -> Values.plausible(v, 4.0)),
        Defs.token(
            "rubygems-api-key",
            "rubygems-api-key",
            FAMILY,
            Severity.CRITICAL,
            0.97,
            Set.of("rubygems_"),
            "rubygems_[0-9a-f]{48}",
            v -> Values.plausible(v.substring(9), 3.3)),
        Defs.token(
            "dockerhub-pat",
            "docker-token",
            FAMILY,
            Severity.CRITICAL,
            0.97,
            Set.of("dckr_pat_", "dckr_oat_"),
            "dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,40}",
            v -> Values.plausible(v.substring(9), 3.8)),
        DockerConfigAuthDetector.create(),
        Defs.token(
            "artifactory-api-key",
            "artifactory-token",
            FAMILY,
            Severity.CRITICAL,
            0.9,
            Set.of("akcp"),
            "AKCp[A-Za-z0-9]{69}",
            v -> Values.plausible(v, 4.5)),
        // Reference tokens: Base64 of "reftkn:..." so they open with "cmVmdGtu".
        Defs.token(
            "artifactory-reference-token",
            "artifactory-token",
            FAMILY,
            Severity.CRITICAL,
            0.9,
            Set.of("cmvmdgtu"),
            "cmVmdGtu[A-Za-z0-9]{56}",
            v -> Values.plausible(v, 4.0)),
        Defs.token(
            "crates-io-token",
            "crates-io-token",
            FAMILY,
            Severity.CRITICAL,
            0.85,
            Set.of("cio"),
            "cio[A-Za-z0-9]{32}",
            v -> Values.characterClasses(v) >= 3 && Values.plausible(v, 4.0)));
  }
}
