package dev.tether.agent.mdm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tether.agent.config.EnrollProfile;
import dev.tether.agent.enroll.TrustPin;
import dev.tether.agent.tls.DeviceCa;
import dev.tether.core.bundle.RootMetadata;
import dev.tether.core.bundle.RootSigner;
import dev.tether.core.bundle.SignedBundle;
import dev.tether.core.crypto.Ed25519KeyPair;
import dev.tether.core.crypto.SecretBytes;
import dev.tether.core.json.JsonCodec;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Every artifact is rendered from one model and says the same thing; none can be injected. */
class MdmArtifactsTest {
  private static final String SERVER = "https://tether.example.com/tether";
  private static SignedBundle root;
  private static X509Certificate ca;

  @TempDir Path dir;

  @BeforeAll
  static void keys() throws Exception {
    Ed25519KeyPair rootKey = Ed25519KeyPair.generate();
    Instant now = Instant.now();
    root =
        RootSigner.sign(
            new RootMetadata(
                RootMetadata.FORMAT,
                "acme",
                1,
                now,
                1,
                List.of(RootMetadata.RootKey.of(rootKey.publicKey())),
                List.of(
                    RootMetadata.SigningKey.of(
                        Ed25519KeyPair.generate().publicKey(), now, now.plus(Duration.ofDays(1)))),
                List.of()),
            null,
            List.of(rootKey));
    ca = DeviceCa.generate("mdm-test").certificate();
  }

  private static MdmProfile model(String server, String token) {
    return new MdmProfile(
        server,
        SecretBytes.copyOf(token.getBytes(StandardCharsets.UTF_8)),
        TrustPin.fingerprintOf(root),
        root,
        ca,
        "Example Corp",
        "com.example.tether");
  }

  @Test
  void render_allArtifacts_carryTheSameValues() throws Exception {
    MdmProfile model = model(SERVER, "tok_abc123");
    Map<String, byte[]> files = MdmArtifacts.render(model);

    EnrollProfile linux = JsonCodec.read(files.get("enrollment.json"), EnrollProfile.class);
    Map<String, String> prefs = payload(plist(files.get(MobileConfig.FILE)), "dev.tether.agent");
    Script script = Script.parse(files.get(IntuneScript.FILE));

    assertEquals(SERVER, linux.server());
    assertEquals("tok_abc123", linux.token());
    assertEquals(TrustPin.fingerprintOf(root), linux.rootFingerprint());
    assertEquals(JsonCodec.write(root).length, JsonCodec.write(linux.trustRoot()).length);
    assertEquals(linux.server(), prefs.get("server"));
    assertEquals(linux.token(), prefs.get("token"));
    assertEquals(linux.rootFingerprint(), prefs.get("rootFingerprint"));
    assertArrayEquals(
        JsonCodec.write(linux.trustRoot()),
        prefs.get("trustRoot").getBytes(StandardCharsets.UTF_8));
    assertArrayEquals(files.get("enrollment.json"), script.base64("ProfileBytes"));
    assertEquals(linux.server(), new String(script.base64("ServerUrl"), StandardCharsets.UTF_8));
    assertArrayEquals(ca.getEncoded(), script.base64("TrustCaDer"));
    assertEquals(IntuneScript.sha1Hex(ca.getEncoded()), script.literal("TrustCaThumbprint"));
  }

  @Test
  void mobileconfig_hasConfigurationAndRootCertificatePayloads() throws Exception {
    Document doc = plist(MobileConfig.render(model(SERVER, "tok")));
    Map<String, Node> top = dict(doc.getDocumentElement().getElementsByTagName("dict").item(0));

    assertEquals("Configuration", top.get("PayloadType").getTextContent());
    assertEquals("1", top.get("PayloadVersion").getTextContent());
    assertEquals("com.example.tether", top.get("PayloadIdentifier").getTextContent());
    assertEquals("System", top.get("PayloadScope").getTextContent());
    List<String> uuids = new ArrayList<>(List.of(top.get("PayloadUUID").getTextContent()));
    List<Map<String, Node>> payloads = payloads(doc);
    assertEquals(2, payloads.size());
    Map<String, Node> cert = payloads.get(1);
    assertEquals("com.apple.security.root", cert.get("PayloadType").getTextContent());
    assertEquals("data", cert.get("PayloadContent").getNodeName());
    byte[] der = Base64.getMimeDecoder().decode(cert.get("PayloadContent").getTextContent());
    X509Certificate parsed =
        (X509Certificate)
            java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    assertEquals(ca, parsed);
    for (Map<String, Node> p : payloads) {
      assertEquals("1", p.get("PayloadVersion").getTextContent());
      assertThat(p.get("PayloadIdentifier").getTextContent()).startsWith("com.example.tether.");
      uuids.add(p.get("PayloadUUID").getTextContent());
    }
    assertThat(uuids).doesNotHaveDuplicates();
    uuids.forEach(
        u ->
            assertThat(u)
                .matches("[0-9A-F]{8}-[0-9A-F]{4}-3[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}"));
  }

  @Test
  void mobileconfig_regenerated_sameUuids() {
    assertArrayEquals(
        MobileConfig.render(model(SERVER, "tok")), MobileConfig.render(model(SERVER, "tok")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a'b\"c$d`e",
        "';Remove-Item-C:\\-Recurse;'",
        "$(Invoke-Expression('calc'))",
        "\u2019;calc;\u2018",
        "]]></string><key>x</key><string>",
        "@\"\r\n"
      })
  void hostileToken_isDataInEveryArtifact(String token) throws Exception {
    String ascii = token.replaceAll("[^\\x21-\\x7e]", "");
    if (!ascii.equals(token)) {
      // non-printable or non-ASCII tokens are refused outright
      assertThrows(IllegalArgumentException.class, () -> model(SERVER, token));
      return;
    }
    Map<String, byte[]> files = MdmArtifacts.render(model(SERVER, token));

    Script script = Script.parse(files.get(IntuneScript.FILE));
    assertEquals(token, JsonCodec.read(script.base64("ProfileBytes"), EnrollProfile.class).token());
    assertThat(new String(files.get(IntuneScript.FILE), StandardCharsets.UTF_8))
        .doesNotContain(token);
    assertEquals(
        token, payload(plist(files.get(MobileConfig.FILE)), "dev.tether.agent").get("token"));
    assertEquals(token, readLinux(files).token());
  }

  @Test
  void hostileServerUrl_dollarAndQuoteStayData() throws Exception {
    String server = "https://tether.example.com/t$(calc)'x";
    Map<String, byte[]> files = MdmArtifacts.render(model(server, "tok"));

    Script script = Script.parse(files.get(IntuneScript.FILE));
    assertEquals(server, new String(script.base64("ServerUrl"), StandardCharsets.UTF_8));
    assertThat(new String(files.get(IntuneScript.FILE), StandardCharsets.UTF_8))
        .doesNotContain("calc");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://tether.example.com/\"x",
        "https://tether.example.com/ x",
        "https://tether.example.com/`x",
        "http://tether.example.com/",
        "https://user:pw@tether.example.com/",
        "ftp://tether.example.com/"
      })
  void unsafeServerUrl_refused(String server) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> model(server, "tok"));
    assertThat(e.getMessage()).startsWith("server:");
  }

  @Test
  void script_everyQuotedLiteralIsFixedTextOrBase64() {
    String text = new String(IntuneScript.render(model(SERVER, "x'$`\"y")), StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("'([^']*)'").matcher(text);
    List<String> literals = new ArrayList<>();
    while (m.find()) {
      literals.add(m.group(1));
    }
    assertThat(literals).isNotEmpty();
    for (String literal : literals) {
      assertThat(literal).matches("[A-Za-z0-9+/=.,: \\-_\\\\()*]*");
    }
  }

  @Test
  void fingerprintDisagreeingWithTrustRoot_refused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new MdmProfile(
                    SERVER,
                    SecretBytes.copyOf(new byte[] {'t'}),
                    "sha256:" + "0".repeat(64),
                    root,
                    null,
                    null,
                    null));
    assertThat(e.getMessage()).startsWith("root-fingerprint: does not match");
  }

  @Test
  void noPin_refused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new MdmProfile(
                    SERVER, SecretBytes.copyOf(new byte[] {'t'}), null, null, null, null, null));
    assertThat(e.getMessage()).startsWith("root-fingerprint: required");
  }

  @Test
  void write_linuxProfileAcceptedByEnrollProfileRead_andOwnerOnly() throws Exception {
    MdmArtifacts.write(model(SERVER, "tok_abc"), dir);

    EnrollProfile read = EnrollProfile.read("config", dir.resolve("enrollment.json"));
    assertEquals("tok_abc", read.token());
    assertEquals(SERVER, read.server());
    assertEquals(TrustPin.fingerprintOf(root), read.rootFingerprint());
    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(dir.resolve(MobileConfig.FILE))));
    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(dir.resolve(IntuneScript.FILE))));
  }

  @Test
  void mobileconfig_parsesWithPythonPlistlib() throws Exception {
    MdmArtifacts.write(model(SERVER, "tok_\"'$"), dir);
    List<String> python = Prerequisites.python3();
    if (python == null) {
      return;
    }
    List<String> command = new ArrayList<>(python);
    command.addAll(
        List.of(
            "-c",
            "import plistlib,sys\n"
                + "p=plistlib.load(open(sys.argv[1],'rb'))\n"
                + "assert p['PayloadType']=='Configuration'\n"
                + "c=p['PayloadContent']\n"
                + "print(c[0]['token']);print(c[0]['server']);print(len(c[1]['PayloadContent']))",
            dir.resolve(MobileConfig.FILE).toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), output);
    assertEquals("tok_\"'$\n" + SERVER + "\n" + ca.getEncoded().length + "\n", output);
  }

  private static EnrollProfile readLinux(Map<String, byte[]> files) {
    return JsonCodec.read(files.get("enrollment.json"), EnrollProfile.class);
  }

  static Document plist(byte[] xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
    factory.setExpandEntityReferences(false);
    Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    assertEquals("plist", doc.getDocumentElement().getNodeName());
    assertEquals("-//Apple//DTD PLIST 1.0//EN", doc.getDoctype().getPublicId());
    return doc;
  }

  /** A plist dict's keys to their value elements. */
  private static Map<String, Node> dict(Node dict) {
    Map<String, Node> map = new HashMap<>();
    List<Element> children = elements(dict);
    for (int i = 0; i + 1 < children.size(); i += 2) {
      assertEquals("key", children.get(i).getNodeName());
      assertThat(map.put(children.get(i).getTextContent(), children.get(i + 1))).isNull();
    }
    return map;
  }

  private static List<Element> elements(Node node) {
    List<Element> out = new ArrayList<>();
    NodeList children = node.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element e) {
        out.add(e);
      }
    }
    return out;
  }

  private static List<Map<String, Node>> payloads(Document doc) {
    Node top = elements(doc.getDocumentElement()).get(0);
    return elements(dict(top).get("PayloadContent")).stream().map(MdmArtifactsTest::dict).toList();
  }

  private static Map<String, String> payload(Document doc, String type) {
    for (Map<String, Node> p : payloads(doc)) {
      if (p.get("PayloadType").getTextContent().equals(type)) {
        Map<String, String> values = new HashMap<>();
        p.forEach((k, v) -> values.put(k, v.getTextContent()));
        return values;
      }
    }
    throw new AssertionError("no payload of type " + type);
  }

  /** The assignments of the rendered PowerShell script. */
  private record Script(Map<String, String> assignments) {
    static Script parse(byte[] bytes) {
      assertEquals((byte) 0xEF, bytes[0]);
      String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
      Map<String, String> map = new HashMap<>();
      for (String line : text.split("\r\n")) {
        Matcher m = Pattern.compile("^\\$([A-Za-z]+) = (.*)$").matcher(line);
        if (m.matches()) {
          map.put(m.group(1), m.group(2));
        }
      }
      return new Script(map);
    }

    byte[] base64(String name) {
      Matcher m = Pattern.compile("FromB64 '([A-Za-z0-9+/=]*)'").matcher(assignments.get(name));
      assertThat(m.find()).as(name).isTrue();
      return Base64.getDecoder().decode(m.group(1));
    }

    String literal(String name) {
      Matcher m = Pattern.compile("^'([^']*)'$").matcher(assignments.get(name));
      assertThat(m.matches()).as(name).isTrue();
      return m.group(1);
    }
  }
}
