package dev.tether.core.rules.credentials;

import static dev.tether.core.rules.credentials.FakeCredentials.ALNUM;
import static dev.tether.core.rules.credentials.FakeCredentials.B64;
import static dev.tether.core.rules.credentials.FakeCredentials.B64URL;
import static dev.tether.core.rules.credentials.FakeCredentials.BASE32_LOWER;
import static dev.tether.core.rules.credentials.FakeCredentials.DIGITS;
import static dev.tether.core.rules.credentials.FakeCredentials.HEX;
import static dev.tether.core.rules.credentials.FakeCredentials.base64Bytes;
import static dev.tether.core.rules.credentials.FakeCredentials.checksummed;
import static dev.tether.core.rules.credentials.FakeCredentials.run;
import static dev.tether.core.rules.credentials.FakeCredentials.seq;

import dev.tether.core.rules.credentials.FakeCredentials.Sample;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/** The sample table behind {@link FakeCredentials#samples()}: cloud to messaging. */
final class FakeCredentialSamples {
  private FakeCredentialSamples() {}

  static final String UUID_SEQ = "uuid";

  static Function<Random, String> uuid() {
    return seq(
        run(HEX, 8), "-", run(HEX, 4), "-", run(HEX, 4), "-", run(HEX, 4), "-", run(HEX, 12));
  }

  static Sample s(String id, String type, Function<Random, String> gen, String template) {
    return new Sample(id, type, true, gen, template);
  }

  static Sample k(String id, String type, Function<Random, String> gen, String template) {
    return new Sample(id, type, false, gen, template);
  }

  static List<Sample> build() {
    List<Sample> l = FakeCredentials.list();
    // cloud
    l.add(
        s(
            "aws-access-key-id",
            "aws-access-key",
            seq("AKIA", run("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)),
            "AWS_ACCESS_KEY_ID={secret}"));
    l.add(
        k(
            "aws-secret-access-key",
            "aws-secret-key",
            seq(run(ALNUM + "+/", 40)),
            "aws_secret_access_key = {secret}"));
    l.add(
        s(
            "aws-session-token",
            "aws-session-token",
            seq("IQoJb3JpZ2luX2Vj", run(B64, 300, 600)),
            "AWS_SESSION_TOKEN={secret}"));
    l.add(
        s(
            "aws-mws-auth-token",
            "aws-mws-token",
            r -> "amzn.mws." + uuid().apply(r),
            "mws_auth_token: {secret}"));
    l.add(s("gcp-api-key", "gcp-api-key", seq("AIza", run(B64URL, 35)), "GOOGLE_API_KEY={secret}"));
    l.add(
        k(
            "gcp-service-account-key",
            "gcp-service-account-key",
            seq(run(HEX, 40)),
            "{\"type\": \"service_account\", \"private_key_id\": \"{secret}\"}"));
    l.add(
        s(
            "gcp-oauth-client-secret",
            "gcp-oauth-client-secret",
            seq("GOCSPX-", run(B64URL, 28)),
            "\"client_secret\": \"{secret}\""));
    l.add(
        s(
            "gcp-oauth-access-token",
            "gcp-oauth-token",
            seq("ya29.a0", run(B64URL, 150)),
            "Authorization: Bearer {secret}"));
    l.add(
        s(
            "gcp-oauth-refresh-token",
            "gcp-oauth-token",
            seq("1//0", run(ALNUM, 2), "-", run(B64URL, 97)),
            "refresh_token={secret}"));
    l.add(
        k(
            "azure-storage-account-key",
            "azure-storage-key",
            base64Bytes(64),
            "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey={secret};"
                + "EndpointSuffix=core.windows.net"));
    l.add(
        k(
            "azure-shared-access-key",
            "azure-shared-access-key",
            base64Bytes(32),
            "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;"
                + "SharedAccessKey={secret}"));
    l.add(
        k(
            "azure-sas-token",
            "azure-sas-token",
            r ->
                base64Bytes(32)
                    .apply(r)
                    .replace("+", "%2B")
                    .replace("/", "%2F")
                    .replace("=", "%3D"),
            "https://acct.blob.core.windows.net/c/b.txt?sv=2022-11-02&ss=b&srt=o&sp=r"
                + "&se=2030-01-01T00:00:00Z&spr=https&sig={secret}"));
    l.add(
        s(
            "azure-ad-client-secret",
            "azure-client-secret",
            seq(run(ALNUM, 3), run(DIGITS, 1), "Q~", run(ALNUM + "_~.-", 34)),
            "AZURE_CLIENT_SECRET={secret}"));
    l.add(
        s(
            "alibaba-access-key-id",
            "alibaba-access-key",
            seq("LTAI", run(ALNUM, 20)),
            "access_key_id: {secret}"));
    l.add(
        k(
            "alibaba-access-key-secret",
            "alibaba-secret-key",
            seq(run(ALNUM, 30)),
            "ALIBABA_CLOUD_ACCESS_KEY_SECRET={secret}"));
    l.add(
        s(
            "tencent-secret-id",
            "tencent-secret-id",
            seq("AKID", run(ALNUM, 32)),
            "secret_id = \"{secret}\""));
    l.add(
        k(
            "ibm-cloud-api-key",
            "ibm-cloud-api-key",
            seq(run(B64URL, 44)),
            "IBMCLOUD_API_KEY={secret}"));
    // source control
    for (String[] gh :
        new String[][] {
          {"github-pat", "ghp_"},
          {"github-oauth-token", "gho_"},
          {"github-user-to-server-token", "ghu_"},
          {"github-server-to-server-token", "ghs_"},
          {"github-refresh-token", "ghr_"}
        }) {
      l.add(s(gh[0], "github-token", checksummed(gh[1]), "GITHUB_TOKEN={secret}"));
    }
    l.add(
        s(
            "github-fine-grained-pat",
            "github-token",
            seq("github_pat_", run(ALNUM, 22), "_", run(ALNUM, 59)),
            "git clone https://{secret}@github.com/acme/app.git"));
    for (String[] gl :
        new String[][] {
          {"gitlab-pat", "glpat-"},
          {"gitlab-deploy-token", "gldt-"},
          {"gitlab-runner-token", "glrt-"},
          {"gitlab-pipeline-trigger-token", "glptt-"},
          {"gitlab-feed-token", "glft-"},
          {"gitlab-ci-job-token", "glcbt-"},
          {"gitlab-oauth-app-secret", "gloas-"},
          {"gitlab-scim-token", "glsoat-"},
          {"gitlab-incoming-mail-token", "glimt-"},
          {"gitlab-agent-token", "glagent-"},
          {"gitlab-feature-flag-token", "glffct-"}
        }) {
      l.add(s(gl[0], "gitlab-token", seq(gl[1], run(ALNUM, 20)), "GITLAB_TOKEN={secret}"));
    }
    l.add(
        s(
            "gitlab-runner-registration-token",
            "gitlab-token",
            seq("GR1348941", run(B64URL, 20)),
            "registration-token: {secret}"));
    l.add(
        s(
            "bitbucket-app-password",
            "bitbucket-token",
            seq("ATBB", run(ALNUM, 32)),
            "BITBUCKET_APP_PASSWORD={secret}"));
    l.add(
        s(
            "atlassian-api-token",
            "atlassian-token",
            seq("ATATT3xFfGF0", run(B64URL, 170), "=", run(HEX.toUpperCase(), 8)),
            "JIRA_API_TOKEN={secret}"));
    l.add(
        s(
            "bitbucket-access-token",
            "bitbucket-token",
            seq("ATCTT3xFfGN0", run(B64URL, 170), "=", run(HEX.toUpperCase(), 8)),
            "BITBUCKET_ACCESS_TOKEN={secret}"));
    l.add(
        s(
            "azure-devops-pat",
            "azure-devops-token",
            seq(run(ALNUM, 76), "AZDO", run(ALNUM, 4)),
            "AZURE_DEVOPS_EXT_PAT={secret}"));
    l.add(
        k(
            "azure-devops-legacy-pat",
            "azure-devops-token",
            seq(run(BASE32_LOWER, 52)),
            "AZURE_DEVOPS_PAT={secret}"));
    // AI providers
    l.add(
        s(
            "openai-api-key",
            "openai-api-key",
            seq("sk-", run(ALNUM, 20), "T3BlbkFJ", run(ALNUM, 20)),
            "openai.api_key = \"{secret}\""));
    l.add(
        s(
            "openai-project-key",
            "openai-api-key",
            seq("sk-proj-", run(B64URL, 74), "T3BlbkFJ", run(B64URL, 74)),
            "OPENAI_API_KEY={secret}"));
    for (String[] an :
        new String[][] {
          {"anthropic-api-key", "api03"},
          {"anthropic-admin-key", "admin01"},
          {"anthropic-oauth-token", "oat01"}
        }) {
      l.add(
          s(
              an[0],
              "anthropic-api-key",
              seq("sk-ant-" + an[1] + "-", run(B64URL, 93), "AA"),
              "client = Anthropic(api_key=\"{secret}\")"));
    }
    l.add(
        s(
            "huggingface-token",
            "huggingface-token",
            seq("hf_", run(ALNUM, 34)),
            "HF_TOKEN={secret}"));
    l.add(
        s(
            "huggingface-org-token",
            "huggingface-token",
            seq("api_org_", run(ALNUM, 34)),
            "HUGGINGFACE_TOKEN={secret}"));
    l.add(s("groq-api-key", "groq-api-key", seq("gsk_", run(ALNUM, 52)), "GROQ_API_KEY={secret}"));
    l.add(
        s(
            "replicate-api-token",
            "replicate-api-token",
            seq("r8_", run(ALNUM, 37)),
            "REPLICATE_API_TOKEN={secret}"));
    l.add(
        s(
            "perplexity-api-key",
            "perplexity-api-key",
            seq("pplx-", run(ALNUM, 48)),
            "PPLX_API_KEY={secret}"));
    l.add(s("xai-api-key", "xai-api-key", seq("xai-", run(ALNUM, 80)), "XAI_API_KEY={secret}"));
    l.add(
        s(
            "openrouter-api-key",
            "openrouter-api-key",
            seq("sk-or-v1-", run(HEX, 64)),
            "OPENROUTER_API_KEY={secret}"));
    l.add(
        s(
            "langsmith-api-key",
            "langsmith-api-key",
            seq("lsv2_pt_", run(HEX, 32), "_", run(HEX, 10)),
            "LANGSMITH_API_KEY={secret}"));
    l.add(
        s(
            "tavily-api-key",
            "tavily-api-key",
            seq("tvly-", run(ALNUM, 32)),
            "TAVILY_API_KEY={secret}"));
    l.add(k("mistral-api-key", "mistral-api-key", seq(run(ALNUM, 32)), "MISTRAL_API_KEY={secret}"));
    l.add(k("cohere-api-key", "cohere-api-key", seq(run(ALNUM, 40)), "COHERE_API_KEY={secret}"));
    l.add(
        k(
            "deepseek-api-key",
            "deepseek-api-key",
            seq("sk-", run(HEX, 32)),
            "DEEPSEEK_API_KEY={secret}"));
    l.add(
        k("together-api-key", "together-api-key", seq(run(HEX, 64)), "TOGETHER_API_KEY={secret}"));
    l.add(
        k(
            "elevenlabs-api-key",
            "elevenlabs-api-key",
            seq("sk_", run(HEX, 48)),
            "ELEVENLABS_API_KEY={secret}"));
    l.add(
        k(
            "azure-openai-api-key",
            "azure-openai-api-key",
            seq(run(HEX, 32)),
            "AZURE_OPENAI_API_KEY={secret}"));
    FakeCredentialSamples2.addTo(l);
    return l;
  }
}
