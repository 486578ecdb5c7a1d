package dev.tether.server.web;

import static dev.tether.server.web.it.ServerFlows.expect;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tether.server.policy.VersionDetail;
import dev.tether.server.web.it.ServerFlows;
import dev.tether.server.web.it.ServerFlows.Scope;
import dev.tether.server.web.it.TetherHttp;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs {@code deploy/policy-as-code/tether-policy} (bash + curl) as a CI pipeline would: export,
 * edit, validate, publish with the ETag, and the lost-update case.
 */
final class PolicyAsCodeScript {
  private final Path script;
  private final URI base;
  private final Scope scope;
  private final Path tokenFile;
  private final Path work;

  private PolicyAsCodeScript(Path script, URI base, Scope scope, Path tokenFile)
      throws IOException {
    this.script = script;
    this.base = base;
    this.scope = scope;
    this.tokenFile = tokenFile;
    this.work = Files.createTempDirectory("policy-as-code");
  }

  /** Finds the script and the tools it needs; skips loudly without them, fails under CI. */
  static PolicyAsCodeScript locate(URI base, Scope scope, Path tokenFile) throws IOException {
    Path script = Path.of("..", "deploy", "policy-as-code", "tether-policy").toAbsolutePath();
    assertTrue(Files.isRegularFile(script), script + " exists");
    for (String tool : List.of("bash", "curl")) {
      boolean found =
          List.of("/usr/bin/", "/bin/", "/usr/local/bin/").stream()
              .anyMatch(dir -> Files.isExecutable(Path.of(dir + tool)));
      if (!found) {
        String message = "SKIPPED policy-as-code script test: " + tool + " is not installed";
        System.err.println("!!!!! " + message);
        if ("true".equals(System.getenv("CI"))) {
          throw new AssertionError(message + " (CI=true: .ci/run must install it)");
        }
        Assumptions.abort(message);
      }
    }
    return new PolicyAsCodeScript(script, base, scope, tokenFile);
  }

  record Run(int exit, String out, String err) {}

  Run run(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("bash", script.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
    Map<String, String> env = builder.environment();
    env.put("TETHER_URL", base.toString());
    env.put("TETHER_TENANT", scope.tenant());
    env.put("TETHER_GROUP", scope.group());
    env.put("TETHER_TOKEN_FILE", tokenFile.toString());
    env.remove("TETHER_TOKEN");
    builder.redirectOutput(work.resolve("out").toFile());
    builder.redirectError(work.resolve("err").toFile());
    Process process = builder.start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "script finished");
    Run run =
        new Run(
            process.exitValue(),
            Files.readString(work.resolve("out")),
            Files.readString(work.resolve("err")));
    String token = Files.readString(tokenFile).trim();
    assertFalse(run.out().contains(token) || run.err().contains(token), "token never printed");
    return run;
  }

  void runsTheRecipe(TetherHttp http) throws Exception {
    ServerFlows flows = new ServerFlows(http);
    flows.publish(scope, 1);
    Path file = work.resolve("policy.json");

    Run export = run("export", file.toString());
    assertEquals(0, export.exit(), export::toString);
    String exported = Files.readString(file);
    assertTrue(exported.contains("\"name\":\"IT policy v1\""), exported);
    assertTrue(
        Files.readString(work.resolve("policy.json.etag")).trim().matches("\"[0-9a-f]{32}\""));

    // A broken edit: validation names every error with its JSON Pointer and nothing is stored.
    Path broken = work.resolve("broken.json");
    Files.writeString(
        broken,
        exported
            .replace("\"name\":\"IT policy v1\"", "\"name\":\"\"")
            .replace("\"bundleLifetime\":\"PT24H\"", "\"bundleLifetime\":\"3 days\""));
    Run invalid = run("validate", broken.toString());
    assertEquals(1, invalid.exit(), invalid::toString);
    assertTrue(invalid.err().contains("\"path\":\"/name\""), invalid.err());
    assertTrue(invalid.err().contains("\"path\":\"/bundleLifetime\""), invalid.err());

    String edited = exported.replace("\"name\":\"IT policy v1\"", "\"name\":\"IT policy from CI\"");
    Files.writeString(file, edited);
    assertEquals(0, run("validate", file.toString()).exit());

    // Someone edits the draft in the console meanwhile: the pipeline must not overwrite it.
    flows.saveDraft(scope, 99);
    Run lost = run("publish", file.toString(), "from CI");
    assertEquals(1, lost.exit(), lost::toString);
    assertTrue(lost.err().contains("412"), lost.err());
    assertEquals(
        1,
        ServerFlows.read(
                expect(200, http.admin("GET", scope.groupPath() + "/policy/versions", null)),
                ServerFlows.VersionView[].class)
            .length,
        "nothing published");

    // Export again, re-apply the change, publish: version 2 carries it, with the CI note.
    assertEquals(0, run("export", file.toString()).exit());
    Files.writeString(
        file,
        Files.readString(file)
            .replace("\"name\":\"IT policy v99\"", "\"name\":\"IT policy from CI\""));
    Run published = run("publish", file.toString(), "from CI \"quoted\"");
    assertEquals(0, published.exit(), published::toString);
    assertTrue(published.out().contains("\"version\":2"), published.out());
    VersionDetail two =
        ServerFlows.read(
            expect(200, http.admin("GET", scope.groupPath() + "/policy/versions/2", null)),
            VersionDetail.class);
    assertEquals("IT policy from CI", two.policy().name());
    assertEquals("from CI \"quoted\"", two.version().note());
    String newTag = Files.readString(work.resolve("policy.json.etag")).trim();
    assertEquals(
        newTag,
        expect(200, http.admin("GET", scope.groupPath() + "/policy/draft", null))
            .headers()
            .firstValue("ETag")
            .orElseThrow());
    assertTrue(new String(Files.readAllBytes(file), UTF_8).contains("IT policy from CI"));
  }
}
