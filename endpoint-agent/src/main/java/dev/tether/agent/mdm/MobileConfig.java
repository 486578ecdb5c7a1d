package dev.tether.agent.mdm;

import dev.tether.core.json.JsonCodec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Renders the macOS configuration profile (Jamf Pro / any MDM): an XML property list of type {@code
 * Configuration} holding
 *
 * <ol>
 *   <li>a managed-preferences payload of type {@value MdmProfile#PREFERENCE_DOMAIN} (written by
 *       macOS to {@code /Library/Managed Preferences/dev.tether.agent.plist}) with the keys of
 *       {@link dev.tether.agent.config.EnrollProfile}: {@code server}, {@code token}, {@code
 *       rootFingerprint} and, when given, {@code trustRoot} (the signed root envelope as JSON
 *       text);
 *   <li>when a trust anchor is given, a {@code com.apple.security.root} payload with its DER bytes.
 * </ol>
 *
 * <p>The document is built with the JDK's DOM and serialised by its transformer, so every value is
 * escaped as XML text; nothing is concatenated into markup. Payload UUIDs are name-based on the
 * payload identifier, so regenerating gives the same UUIDs and an MDM replaces the installed
 * profile instead of adding a second one.
 */
public final class MobileConfig {
  /** Profile file name. */
  public static final String FILE = "tether-enrollment.mobileconfig";

  private MobileConfig() {}

  /** The profile as UTF-8 XML bytes. */
  public static byte[] render(MdmProfile model) {
    Document doc = newDocument();
    Element plist = doc.createElement("plist");
    plist.setAttribute("version", "1.0");
    doc.appendChild(plist);
    Element top = doc.createElement("dict");
    plist.appendChild(top);

    Element content = doc.createElement("array");
    Element prefs = doc.createElement("dict");
    payloadHeader(
        doc,
        prefs,
        MdmProfile.PREFERENCE_DOMAIN,
        model.identifier() + ".preferences",
        "Tether enrollment settings");
    string(doc, prefs, "server", model.server());
    string(doc, prefs, "token", model.revealToken());
    string(doc, prefs, "rootFingerprint", model.rootFingerprint());
    if (model.trustRoot() != null) {
      string(
          doc,
          prefs,
          "trustRoot",
          new String(JsonCodec.write(model.trustRoot()), StandardCharsets.UTF_8));
    }
    content.appendChild(prefs);
    byte[] der = model.trustCaDer();
    if (der != null) {
      Element cert = doc.createElement("dict");
      payloadHeader(
          doc,
          cert,
          "com.apple.security.root",
          model.identifier() + ".trust-ca",
          "Tether trust CA");
      string(doc, cert, "PayloadCertificateFileName", "tether-trust-ca.cer");
      key(doc, cert, "PayloadContent");
      Element data = doc.createElement("data");
      data.setTextContent(
          Base64.getMimeEncoder(52, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der));
      cert.appendChild(data);
      content.appendChild(cert);
    }
    key(doc, top, "PayloadContent");
    top.appendChild(content);
    string(
        doc,
        top,
        "PayloadDescription",
        "Enrolls the Tether agent with "
            + model.server()
            + " and pins the tenant root "
            + model.rootFingerprint()
            + ".");
    string(doc, top, "PayloadDisplayName", "Tether agent enrollment");
    string(doc, top, "PayloadIdentifier", model.identifier());
    string(doc, top, "PayloadOrganization", model.organization());
    key(doc, top, "PayloadRemovalDisallowed");
    top.appendChild(doc.createElement("true"));
    string(doc, top, "PayloadScope", "System");
    string(doc, top, "PayloadType", "Configuration");
    string(doc, top, "PayloadUUID", uuid(model.identifier()));
    integer(doc, top, "PayloadVersion", 1);
    return serialise(doc);
  }

  /**
   * Name-based (RFC 4122 version 3) UUID of a payload identifier, upper case as Apple writes it.
   */
  static String uuid(String payloadIdentifier) {
    return UUID.nameUUIDFromBytes(
            ("tether-mdm:" + payloadIdentifier).getBytes(StandardCharsets.UTF_8))
        .toString()
        .toUpperCase(Locale.ROOT);
  }

  private static void payloadHeader(
      Document doc, Element dict, String type, String identifier, String name) {
    string(doc, dict, "PayloadDisplayName", name);
    string(doc, dict, "PayloadIdentifier", identifier);
    string(doc, dict, "PayloadType", type);
    string(doc, dict, "PayloadUUID", uuid(identifier));
    integer(doc, dict, "PayloadVersion", 1);
  }

  private static void key(Document doc, Element dict, String name) {
    Element key = doc.createElement("key");
    key.setTextContent(name);
    dict.appendChild(key);
  }

  private static void string(Document doc, Element dict, String name, String value) {
    key(doc, dict, name);
    Element string = doc.createElement("string");
    string.setTextContent(value);
    dict.appendChild(string);
  }

  private static void integer(Document doc, Element dict, String name, int value) {
    key(doc, dict, name);
    Element integer = doc.createElement("integer");
    integer.setTextContent(Integer.toString(value));
    dict.appendChild(integer);
  }

  private static Document newDocument() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      return factory.newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("XML: " + e.getMessage(), e);
    }
  }

  private static byte[] serialise(Document doc) {
    try {
      TransformerFactory factory = TransformerFactory.newInstance();
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
      Transformer transformer = factory.newTransformer();
      transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      transformer.setOutputProperty(OutputKeys.INDENT, "yes");
      transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
      transformer.setOutputProperty(OutputKeys.DOCTYPE_PUBLIC, "-//Apple//DTD PLIST 1.0//EN");
      transformer.setOutputProperty(
          OutputKeys.DOCTYPE_SYSTEM, "http://www.apple.com/DTDs/PropertyList-1.0.dtd");
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      transformer.transform(new DOMSource(doc), new StreamResult(out));
      return out.toByteArray();
    } catch (TransformerException e) {
      throw new IllegalStateException("XML: " + e.getMessage(), e);
    }
  }
}
