package dev.tether.agent.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tether.core.policy.Provider;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProviderRecognizerTest {
  static final String SECRET_TEXT = "internal roadmap: project falcon ships in March";
  static final String B64 =
      Base64.getEncoder().encodeToString(SECRET_TEXT.getBytes(StandardCharsets.UTF_8));

  static ApiCall recognise(Provider provider, String path, String body) {
    return ProviderRecognizer.recognise(
        provider, "POST", path, "application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  static Stream<Arguments> shapes() {
    return Stream.of(
        Arguments.of(
            "OpenAI chat: system, user, tool definition, tool call",
            Provider.OPENAI,
            "/v1/chat/completions",
            "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":["
                + "{\"role\":\"system\",\"content\":\"be terse\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"fix my loop\"}]},"
                + "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\","
                + "\"function\":{\"name\":\"read\",\"arguments\":\"{\\\"path\\\":\\\"/etc/hosts\\\"}\"}}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"127.0.0.1 localhost\"}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"read\"}}]}",
            ApiFamily.OPENAI,
            "chat.completions",
            "gpt-4o",
            List.of("be terse", "fix my loop", "127.0.0.1 localhost"),
            2),
        Arguments.of(
            "OpenAI responses: instructions and input string",
            Provider.OPENAI,
            "/v1/responses",
            "{\"model\":\"o3\",\"instructions\":\"you review code\",\"input\":\"review this diff\"}",
            ApiFamily.OPENAI,
            "responses",
            "o3",
            List.of("you review code", "review this diff"),
            0),
        Arguments.of(
            "OpenAI assistants: thread message with a file attachment",
            Provider.OPENAI,
            "/v1/threads/thread_abc/messages",
            "{\"role\":\"user\",\"content\":\"summarise the file\","
                + "\"attachments\":[{\"file_id\":\"file-123\",\"tools\":[]}]}",
            ApiFamily.OPENAI,
            "assistants",
            null,
            List.of("summarise the file"),
            0),
        Arguments.of(
            "OpenAI realtime: conversation.item.create event",
            Provider.OPENAI,
            "/v1/realtime?model=gpt-4o-realtime-preview",
            "{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":\"user\","
                + "\"content\":[{\"type\":\"input_text\",\"text\":\"hello realtime\"}]}}",
            ApiFamily.OPENAI,
            "realtime",
            null,
            List.of("hello realtime"),
            0),
        Arguments.of(
            "Anthropic messages: system blocks, tool use, tool result",
            Provider.ANTHROPIC,
            "/v1/messages",
            "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":100,"
                + "\"system\":[{\"type\":\"text\",\"text\":\"you are careful\"}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"read it\"}]},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t1\","
                + "\"name\":\"cat\",\"input\":{\"file\":\"a.txt\"}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\","
                + "\"content\":\"file body here\"}]}],"
                + "\"tools\":[{\"name\":\"cat\",\"input_schema\":{}}]}",
            ApiFamily.ANTHROPIC,
            "messages",
            "claude-sonnet-4-5",
            List.of("you are careful", "read it", "file body here"),
            2),
        Arguments.of(
            "Gemini generateContent: model in the path, system instruction",
            Provider.GEMINI,
            "/v1beta/models/gemini-2.5-pro:generateContent?key=REDACTED",
            "{\"systemInstruction\":{\"parts\":[{\"text\":\"answer briefly\"}]},"
                + "\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"what is 2+2\"}]}],"
                + "\"tools\":[{\"functionDeclarations\":[{\"name\":\"calc\"}]}]}",
            ApiFamily.GEMINI,
            "generateContent",
            "gemini-2.5-pro",
            List.of("what is 2+2", "answer briefly"),
            1),
        Arguments.of(
            "Azure OpenAI: deployment is the model",
            Provider.OPENAI,
            "/openai/deployments/team-gpt4o/chat/completions?api-version=2024-10-21",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"hi azure\"}]}",
            ApiFamily.AZURE_OPENAI,
            "chat.completions",
            "team-gpt4o",
            List.of("hi azure"),
            0),
        Arguments.of(
            "Mistral FIM: prompt and suffix",
            Provider.MISTRAL,
            "/v1/fim/completions",
            "{\"model\":\"codestral-latest\",\"prompt\":\"def add(a, b):\",\"suffix\":\"return c\"}",
            ApiFamily.MISTRAL,
            "fim.completions",
            "codestral-latest",
            List.of("return c", "def add(a, b):"),
            0),
        Arguments.of(
            "Mistral chat on the Mistral host",
            Provider.MISTRAL,
            "/v1/chat/completions",
            "{\"model\":\"mistral-large\",\"messages\":[{\"role\":\"user\",\"content\":\"bonjour\"}]}",
            ApiFamily.MISTRAL,
            "chat.completions",
            "mistral-large",
            List.of("bonjour"),
            0),
        Arguments.of(
            "Cohere v1 chat: preamble, history, message, documents",
            Provider.COHERE,
            "/v1/chat",
            "{\"model\":\"command-r\",\"preamble\":\"be formal\",\"message\":\"next question\","
                + "\"chat_history\":[{\"role\":\"USER\",\"message\":\"first question\"}],"
                + "\"documents\":[{\"title\":\"doc\",\"snippet\":\"snippet text\"}]}",
            ApiFamily.COHERE,
            "chat",
            "command-r",
            List.of("be formal", "next question", "first question", "doc", "snippet text"),
            0),
        Arguments.of(
            "Ollama generate",
            Provider.GENERIC,
            "/api/generate",
            "{\"model\":\"llama3\",\"prompt\":\"why is the sky blue\",\"system\":\"be brief\"}",
            ApiFamily.OLLAMA,
            "generate",
            "llama3",
            List.of("be brief", "why is the sky blue"),
            0),
        Arguments.of(
            "GitHub Copilot completions: engine is the model",
            Provider.GITHUB_COPILOT,
            "/v1/engines/copilot-codex/completions",
            "{\"prompt\":\"// compute tax\\nfunction tax(\",\"suffix\":\"}\",\"max_tokens\":50}",
            ApiFamily.GITHUB_COPILOT,
            "completions",
            "copilot-codex",
            List.of("}", "// compute tax\nfunction tax("),
            0),
        Arguments.of(
            "GitHub Copilot chat",
            Provider.GITHUB_COPILOT,
            "/chat/completions",
            "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"explain\"}]}",
            ApiFamily.GITHUB_COPILOT,
            "chat.completions",
            "gpt-4o",
            List.of("explain"),
            0),
        Arguments.of(
            "OpenAI-compatible gateway prefix at a generic host",
            Provider.GENERIC,
            "/openai/v1/chat/completions",
            "{\"model\":\"llama-3.1-70b\",\"messages\":[{\"role\":\"user\",\"content\":\"hey\"}]}",
            ApiFamily.OPENAI_COMPATIBLE,
            "chat.completions",
            "llama-3.1-70b",
            List.of("hey"),
            0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void recognise_providerShapes(
      String note,
      Provider provider,
      String path,
      String body,
      ApiFamily family,
      String operation,
      String model,
      List<String> prompts,
      int tools) {
    ApiCall call = recognise(provider, path, body);
    assertEquals(family, call.family(), note);
    assertEquals(operation, call.operation(), note);
    assertEquals(model, call.model(), note);
    assertThat(call.prompts()).as(note).containsExactlyInAnyOrderElementsOf(prompts);
    assertEquals(tools, call.toolPayloads().size(), note);
  }

  @Test
  void recognise_openAiChat_streamFlagAndToolArguments() {
    ApiCall call =
        recognise(
            Provider.OPENAI,
            "/v1/chat/completions",
            (String) shapes().findFirst().orElseThrow().get()[3]);
    assertThat(call.streaming()).isTrue();
    assertThat(call.toolPayloads()).anyMatch(t -> t.contains("/etc/hosts"));
    assertThat(call.aiShaped()).isTrue();
  }

  @Test
  void recognise_dataUrlImagePart_decodedAsTextAttachment() {
    ApiCall call =
        recognise(
            Provider.OPENAI,
            "/v1/responses",
            "{\"model\":\"gpt-4o\",\"input\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"input_text\",\"text\":\"look\"},"
                + "{\"type\":\"input_image\",\"image_url\":\"data:image/png;base64,"
                + B64
                + "\"}]}]}");
    assertThat(call.prompts()).containsExactly("look");
    assertThat(call.attachments()).hasSize(1);
    assertEquals(SECRET_TEXT, call.attachments().get(0).text());
    assertEquals("image/png", call.attachments().get(0).mediaType());
  }

  @Test
  void recognise_anthropicBase64Document_andGeminiInlineData_decoded() {
    ApiCall anthropic =
        recognise(
            Provider.ANTHROPIC,
            "/v1/messages",
            "{\"model\":\"claude\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"document\","
                + "\"source\":{\"type\":\"base64\",\"media_type\":\"text/plain\",\"data\":\""
                + B64
                + "\"}}]}]}");
    assertEquals(SECRET_TEXT, anthropic.attachments().get(0).text());
    ApiCall gemini =
        recognise(
            Provider.GEMINI,
            "/v1beta/models/gemini-pro:streamGenerateContent",
            "{\"contents\":[{\"parts\":[{\"inline_data\":{\"mime_type\":\"text/plain\",\"data\":\""
                + B64
                + "\"}}]}]}");
    assertEquals(SECRET_TEXT, gemini.attachments().get(0).text());
    assertThat(gemini.streaming()).isTrue();
    assertThat(gemini.aiShaped()).isTrue();
  }

  @Test
  void recognise_binaryDataUrl_notText() {
    String png =
        Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2});
    ApiCall call =
        recognise(
            Provider.OPENAI,
            "/v1/chat/completions",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
                + "\"image_url\":{\"url\":\"data:image/png;base64,"
                + png
                + "\"}}]}]}");
    assertThat(call.attachments()).hasSize(1);
    assertThat(call.attachments().get(0).text()).isNull();
    assertEquals(7, call.attachments().get(0).bytes());
  }

  @Test
  void recognise_multipartFileUpload_fileAsTextAttachment() {
    String boundary = "----tether42";
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nassistants\r\n--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"notes.txt\"\r\n"
            + "Content-Type: text/plain\r\n\r\n"
            + SECRET_TEXT
            + "\r\n--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"b64\"; filename=\"enc.txt\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n"
            + B64
            + "\r\n--"
            + boundary
            + "--\r\n";
    ApiCall call =
        ProviderRecognizer.recognise(
            Provider.OPENAI,
            "POST",
            "/v1/files",
            "multipart/form-data; boundary=" + boundary,
            body.getBytes(StandardCharsets.UTF_8));
    assertEquals("files.upload", call.operation());
    assertThat(call.prompts()).containsExactly("assistants");
    assertThat(call.attachments())
        .extracting(Attachment::name)
        .containsExactly("notes.txt", "enc.txt");
    assertThat(call.attachments()).allMatch(a -> SECRET_TEXT.equals(a.text()));
  }

  @Test
  void recognise_multipartAudioWithModel_isAiShaped() {
    String body =
        "--b\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n"
            + "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n"
            + "Content-Type: audio/wav\r\n\r\nRIFF\u0000\u0001\r\n--b--\r\n";
    ApiCall call =
        ProviderRecognizer.recognise(
            Provider.GENERIC,
            "POST",
            "/transcribe",
            "multipart/form-data; boundary=b",
            body.getBytes(StandardCharsets.ISO_8859_1));
    assertThat(call.aiShaped()).isTrue();
    assertEquals("whisper-1", call.model());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("aiShapes")
  void aiShaped_atUnknownPath(String note, String body, boolean expected) {
    ApiCall call = recognise(Provider.GENERIC, "/internal/llm/run", body);
    assertEquals(ApiFamily.UNKNOWN, call.family(), note);
    assertEquals(expected, call.aiShaped(), note);
  }

  static Stream<Arguments> aiShapes() {
    return Stream.of(
        Arguments.of("model + messages", "{\"model\":\"x\",\"messages\":[]}", true),
        Arguments.of("model + prompt", "{\"model\":\"x\",\"prompt\":\"hi\"}", true),
        Arguments.of("model + input", "{\"model\":\"x\",\"input\":\"hi\"}", true),
        Arguments.of(
            "chat messages without a model",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
            true),
        Arguments.of("Gemini contents", "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}", true),
        Arguments.of("model alone (a config object)", "{\"model\":\"x\",\"year\":2020}", false),
        Arguments.of("ordinary JSON", "{\"name\":\"alice\",\"messages_count\":3}", false),
        Arguments.of("JSON array", "[1,2,3]", false),
        Arguments.of("not JSON", "hello world", false));
  }

  @Test
  void recognise_hostileInputs_neverThrow() {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    assertEquals(
        ApiFamily.OPENAI, recognise(Provider.OPENAI, "/v1/chat/completions", deep).family());
    assertThat(recognise(Provider.OPENAI, "/v1/chat/completions", "{\"model\":").prompts())
        .isEmpty();
    assertEquals(
        ApiCall.NONE.family(),
        ProviderRecognizer.recognise(Provider.GENERIC, "GET", "/", null, new byte[0]).family());
    ApiCall weird =
        ProviderRecognizer.recognise(
            Provider.GENERIC,
            "POST",
            "/x",
            "multipart/form-data; boundary=zz",
            "--zz\r\nbroken".getBytes(StandardCharsets.UTF_8));
    assertThat(weird.attachments()).isEmpty();
  }

  @Test
  void toString_showsCountsNeverContent() {
    ApiCall call =
        recognise(
            Provider.OPENAI,
            "/v1/chat/completions",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + SECRET_TEXT
                + "\"}]}");
    assertThat(call.toString()).doesNotContain("falcon").contains("prompts=1");
  }
}
