package dev.tether.core.rules.credentials;

import dev.tether.core.policy.DetectorFamilies;
import dev.tether.core.rules.Detector;
import dev.tether.core.rules.Severity;
import java.util.List;
import java.util.Set;

/**
 * Family {@value #FAMILY}: Azure (storage and shared access keys, SAS signatures, Entra ID client
 * secrets), Alibaba Cloud, Tencent Cloud and IBM Cloud.
 */
final class AzureAndOtherCloudDetectors {
  static final String FAMILY = DetectorFamilies.CLOUD_CREDENTIALS;

  private AzureAndOtherCloudDetectors() {}

  static List<Detector> all() {
    return List.of(
        // Storage (and Cosmos DB) account keys in connection strings: 64 bytes, Base64.
        Defs.anchored(
            "azure-storage-account-key",
            "azure-storage-key",
            FAMILY,
            Severity.CRITICAL,
            0.95,
            Set.of("accountkey"),
            0,
            ("(?i:AccountKey)=([A-Za-z0-9+/]{86}==)"),
            Values::plausible),
        // Service Bus, Event Hubs, IoT Hub connection strings: 32-byte key, Base64.
        Defs.anchored(
            "azure-shared-access-key",
            "azure-shared-access-key",
            FAMILY,
            Severity.CRITICAL,
            0.95,
            Set.of("sharedaccesskey="),
            0,
            ("(?i:SharedAccessKey)=([A-Za-z0-9+/]{43}=)"),
            Values::plausible),
        // SAS tokens: the sig parameter is an HMAC-SHA256, 32 bytes in (URL-encoded) Base64.
        Defs.anchored(
            "azure-sas-token",
            "azure-sas-token",
            FAMILY,
            Severity.HIGH,
            0.9,
            Set.of("sig="),
            1,
            ("[?&]sig=([A-Za-z0-9%+/]{43,60}+)(?![A-Za-z0-9%+/=])"),
            AzureAndOtherCloudDetectors::isSasSignature),
        // Entra ID (Azure AD) client secrets: 3 characters, a digit, "Q~", then 31 to 34 more.
        Defs.token(
            "azure-ad-client-secret",
            "azure-client-secret",
            FAMILY,
            Severity.CRITICAL,
            0.9,
            Set.of("q~"),
            "[A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}+",
            v -> Values.plausible(v, 3.5),
            4),
        Defs.token(
            "alibaba-access-key-id",
            "alibaba-access-key",
            FAMILY,
            Severity.HIGH,
            0.85,
            Set.of("ltai"),
            "LTAI[A-Za-z0-9]{12,20}",
            v -> Values.plausible(v, 3.2)),
        Defs.keyed(
            "alibaba-access-key-secret",
            "alibaba-secret-key",
            FAMILY,
            Severity.CRITICAL,
            0.8,
            Set.of("alibaba", "aliyun", "alicloud"),
            "ali(?:baba|yun|cloud)[A-Za-z0-9_.-]{0,24}?secret",
            "[A-Za-z0-9]{30}",
            3.5),
        Defs.token(
            "tencent-secret-id",
            "tencent-secret-id",
            FAMILY,
            Severity.HIGH,
            0.85,
            Set.of("akid"),
            "AKID[A-Za-z0-9]{32}",
            v -> Values.characterClasses(v) >= 3 && Values.plausible(v, 3.5)),
        Defs.keyed(
            "ibm-cloud-api-key",
            "ibm-cloud-api-key",
            FAMILY,
            Severity.CRITICAL,
            0.8,
            Set.of("ibm"),
            "ibm[A-Za-z0-9_.-]{0,16}?api_?key",
            "[A-Za-z0-9_-]{44}",
            3.5));
  }

  private static boolean isSasSignature(String sig) {
    String decoded = sig.replace("%2B", "+").replace("%2b", "+").replace("%2F", "/");
    decoded = decoded.replace("%2f", "/").replace("%3D", "=").replace("%3d", "=");
    return decoded.length() == 44
        && decoded.endsWith("=")
        && Values.base64(decoded).map(b -> b.length == 32).orElse(false)
        && Values.plausible(decoded, 3.5);
  }
}
