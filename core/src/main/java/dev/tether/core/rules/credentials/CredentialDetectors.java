package dev.tether.core.rules.credentials;

import dev.tether.core.rules.Detector;
import java.util.ArrayList;
import java.util.List;

/**
 * Every built-in credential detector: cloud, source control, AI providers, payments, messaging,
 * package registries, observability, infrastructure, private keys and generic secrets.
 */
public final class CredentialDetectors {
  private CredentialDetectors() {}

  /** All credential detectors, in a stable order. */
  public static List<Detector> all() {
    List<Detector> detectors = new ArrayList<>(CloudCredentialDetectors.all());
    detectors.addAll(AzureAndOtherCloudDetectors.all());
    detectors.addAll(SourceControlDetectors.all());
    detectors.addAll(AiProviderDetectors.all());
    detectors.addAll(PaymentDetectors.all());
    detectors.addAll(MessagingDetectors.all());
    detectors.addAll(PackageRegistryDetectors.all());
    detectors.addAll(ObservabilityDetectors.all());
    detectors.addAll(InfrastructureDetectors.all());
    detectors.addAll(DeveloperPlatformDetectors.all());
    detectors.add(new PrivateKeyDetector());
    detectors.addAll(KeyMaterialDetectors.all());
    // Generic password detectors defer to the specific ones above on the same value.
    detectors.addAll(GenericSecretDetectors.all(List.copyOf(detectors)));
    return List.copyOf(detectors);
  }
}
