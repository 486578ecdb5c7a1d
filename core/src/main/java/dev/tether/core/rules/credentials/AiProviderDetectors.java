package dev.tether.core.rules.credentials;

import dev.tether.core.policy.DetectorFamilies;
import dev.tether.core.rules.Detector;
import dev.tether.core.rules.Severity;
import java.util.List;
import java.util.Set;

/**
 * Family {@value #FAMILY}: keys for model APIs. OpenAI keys carry the marker {@code T3BlbkFJ}
 * (Base64 of "OpenAI"); most others have a documented prefix. Gemini keys are Google API keys
 * ({@code AIza}) and are reported by the cloud detector. Mistral, Cohere and a few others issue
 * keys without a prefix, so their key name must be present.
 */
final class AiProviderDetectors {
  static final String FAMILY = DetectorFamilies.AI_PROVIDER_CREDENTIALS;
  static final String OPENAI_MARKER = "T3BlbkFJ";

  private AiProviderDetectors() {}

  static List<Detector> all() {
    return List.of(
        Defs.token(
            "openai-api-key",
            "openai-api-key",
            FAMILY,
            Severity.CRITICAL,
            0.97,
            Set.of("t3blbkfj"),
            "sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}",
            v -> true,
            23),
        // Project, service-account and admin keys: longer, URL-safe; the marker is usually there,
        // and a long high-entropy body is accepted without it.
        Defs.token(
            "openai-project-key",
            "openai-api-key",
            FAMILY,
            Severity.CRITICAL,
            0.95,
            Set.of("sk-proj-", "sk-svcacct-", "sk-admin-"),
            "sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,300}+",
            v -> v.contains(OPENAI_MARKER) || (v.length() >= 100 && Values.plausible(v, 4.5))),
        anthropic("anthropic-api-key", "api", Severity.CRITICAL),
        anthropic("anthropic-admin-key", "admin", Severity.CRITICAL),
        anthropic("anthropic-oauth-token", "oat", Severity.HIGH),
        Defs.token(
            "huggingface-token",
            "huggingface-token",
            FAMILY,
            Severity.CRITICAL,
            0.9,
            Set.of("hf_"),
            "hf_[A-Za-z0-9]{34,40}",
            v -> Values.characterClasses(v) >= 3 && Values.plausible(v, 3.8)),
        Defs.token(
            "huggingface-org-token",
            "huggingface-token",
            FAMILY,
            Severity.CRITICAL,
            0.9,
            Set.of("api_org_"),
            "api_org_[A-Za-z0-9]{34}",
            v -> Values.plausible(v, 3.8)),
        Defs.token(
            "groq-api-key",
            "groq-api-key",
            FAMILY,
            Severity.CRITICAL,
            0.95,
            Set.of("gsk_"),
            "gsk_[A-Za-z0-9]{52}",
            v -> Values.plausible(v, 4.0)),
        Defs.token(
            "replicate-api-token",
            "replicate-api-token",
            FAMILY,
            Severity.CRITICAL,
            0.9,
            Set.of("r8_"),
            "r8_[A-Za-z0-9]{37}",
            v -> Values.plausible(v, 4.0)),
        Defs.token(
            "perplexity-api-key",
            "perplexity-api-key",
            FAMILY,
            Severity.CRITICAL,
            0.95,
            Set.of("pplx-"),
            "pplx-[A-Za-z0-9]{48}",
            v -> Values.plausible(v, 4.0)),
        Defs.token(
            "xai-api-key",
            "xai-api-key",
            FAMILY,
            Severity.CRITICAL,
            0.95,
            Set.of("xai-"),
            "xai-[A-Za-z0-9]{80}",
            v -> Values.plausible(v, 4.5)),
        Defs.token(
            "openrouter-api-key",
            "openrouter-api-key",
            FAMILY,
            Severity.CRITICAL,
            0.97,
            Set.of("sk-or-v1-"),
            "sk-or-v1-[0-9a-f]{64}",
            v -> Values.plausible(v, 3.5)),
        Defs.token(
            "langsmith-api-key",
            "langsmith-api-key",
            FAMILY,
            Severity.HIGH,
            0.97,
            Set.of("lsv2_"),
            "lsv2_(?:pt|sk)_[0-9a-f]{32}_[0-9a-f]{10}",
            v -> Values.plausible(v, 3.5)),
        Defs.token(
            "tavily-api-key",
            "tavily-api-key",
            FAMILY,
            Severity.HIGH,
            0.9,
            Set.of("tvly-"),
            "tvly-(?:dev-|prod-)?[A-Za-z0-9]{32}",
            v -> Values.plausible(v, 3.8)),
        Defs.keyed(
            "mistral-api-key",
            "mistral-api-key",
            FAMILY,
            Severity.CRITICAL,
            0.8,
            Set.of("mistral"),
            "mistral",
            "[A-Za-z0-9]{32}",
            4.0),
        Defs.keyed(
            "cohere-api-key",
            "cohere-api-key",
            FAMILY,
            Severity.CRITICAL,
            0.8,
            Set.of("cohere", "co_api_key"),
            "cohere|co_api_key",
            "[A-Za-z0-9]{40}",
            4.0),
        Defs.keyed(
            "deepseek-api-key",
            "deepseek-api-key",
            FAMILY,
            Severity.CRITICAL,
            0.85,
            Set.of("deepseek"),
            "deepseek",
            "sk-[0-9a-f]{32}",
            3.0),
        Defs.keyed(
            "together-api-key",
            "together-api-key",
            FAMILY,
            Severity.CRITICAL,
            0.8,
            Set.of("together"),
            "together",
            "[0-9a-f]{64}|tgp_v1_[A-Za-z0-9_-]{40,64}",
            3.2),
        Defs.keyed(
            "elevenlabs-api-key",
            "elevenlabs-api-key",
            FAMILY,
            Severity.HIGH,
            0.8,
            Set.of("elevenlabs", "xi-api", "xi_api"),
            "elevenlabs|xi[_-]api[_-]key",
            "(?:sk_)?[0-9a-f]{32,48}",
            3.0),
        Defs.keyed(
            "azure-openai-api-key",
            "azure-openai-api-key",
            FAMILY,
            Severity.CRITICAL,
            0.8,
            Set.of("azure_openai", "azure-openai", "azureopenai"),
            "azure[_-]?openai",
            "[0-9a-f]{32}|[A-Za-z0-9]{84}",
            3.0));
  }

  /** Anthropic keys: {@code sk-ant-<kind><2-digit version>-} then about 95 URL-safe characters. */
  private static Detector anthropic(String id, String kind, Severity severity) {
    return Defs.token(
        id,
        "anthropic-api-key",
        FAMILY,
        severity,
        0.97,
        Set.of("sk-ant-" + kind),
        "sk-ant-" + kind + "[0-9]{2}-[A-Za-z0-9_-]{80,120}+",
        v -> Values.plausible(v, 4.5));
  }
}
