package dev.tether.core.policy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * How the agent's proxy scopes and reads traffic. Owned by the proxy.
 *
 * <p>Absent from a document means {@link #DEFAULT}; a section equal to its default is left out of
 * the canonical JSON so older documents keep their bytes (and signatures). Missing fields take
 * their defaults in the constructor, so a section that spells out every default equals {@link
 * #DEFAULT}.
 *
 * @param inspectAll decrypt every TLS connection except {@code bypassHosts} (catches AI endpoints
 *     the catalogue does not list); default {@code false}: only AI destinations are decrypted
 * @param bypassHosts hosts never decrypted (certificate-pinned apps, banking, health), tunnelled
 *     byte for byte; exact names or {@code *.suffix}. An AI destination listed here is still
 *     intercepted: the bypass list can never exempt AI traffic
 * @param maxInspectedBodyBytes largest request body buffered for inspection, default {@value
 *     #DEFAULT_MAX_INSPECTED_BODY_BYTES}, between {@value #MIN_INSPECTED_BODY_BYTES} and {@value
 *     #MAX_INSPECTED_BODY_BYTES}; the same bound applies to the decoded (decompressed) body. A body
 *     over it is blocked (413) and audited: a policy cannot waive inspection, it can only raise the
 *     bound up to the agent's own ceiling
 * @param maxDecompressionRatio largest ratio of decoded to encoded body size before the body is
 *     treated as a decompression bomb and blocked, default {@value
 *     #DEFAULT_MAX_DECOMPRESSION_RATIO}
 * @param enterpriseCaPems PEM certificates trusted for upstream TLS in addition to the system trust
 *     store (TLS-inspecting corporate gateways); each entry one {@code CERTIFICATE} that must be a
 *     CA
 * @param interceptPorts ports besides 443 whose redirected connections are inspected (transparent
 *     mode), e.g. {@code 8443}; at most {@value #MAX_PORTS}
 */
public record ProxySettings(
    boolean inspectAll,
    List<String> bypassHosts,
    Integer maxInspectedBodyBytes,
    Integer maxDecompressionRatio,
    List<String> enterpriseCaPems,
    List<Integer> interceptPorts)
    implements PolicySection {

  public static final int DEFAULT_MAX_INSPECTED_BODY_BYTES = 16 * 1024 * 1024;
  public static final int MIN_INSPECTED_BODY_BYTES = 1024;
  public static final int MAX_INSPECTED_BODY_BYTES = 64 * 1024 * 1024;
  public static final int DEFAULT_MAX_DECOMPRESSION_RATIO = 200;
  public static final int MAX_DECOMPRESSION_RATIO = 10_000;
  public static final int MAX_BYPASS_HOSTS = 10_000;
  public static final int MAX_CA_PEMS = 64;
  public static final int MAX_CA_PEM_CHARS = 16 * 1024;
  public static final int MAX_PORTS = 32;

  /** The section when a policy does not mention it. */
  public static final ProxySettings DEFAULT =
      new ProxySettings(false, null, null, null, null, null);

  public ProxySettings {
    bypassHosts = bypassHosts == null ? List.of() : List.copyOf(bypassHosts);
    maxInspectedBodyBytes =
        maxInspectedBodyBytes == null ? DEFAULT_MAX_INSPECTED_BODY_BYTES : maxInspectedBodyBytes;
    maxDecompressionRatio =
        maxDecompressionRatio == null ? DEFAULT_MAX_DECOMPRESSION_RATIO : maxDecompressionRatio;
    enterpriseCaPems = enterpriseCaPems == null ? List.of() : List.copyOf(enterpriseCaPems);
    interceptPorts = interceptPorts == null ? List.of() : List.copyOf(interceptPorts);
  }

  @Override
  public boolean definesNothing() {
    return equals(DEFAULT);
  }

  /** True if {@code host} (lowercase) is on the bypass list. */
  public boolean isBypassed(String host) {
    return bypassHosts.stream().anyMatch(p -> HostPattern.matches(p, host));
  }

  /** The enterprise CA certificates, parsed. Call on a {@link #validated} section. */
  public List<X509Certificate> enterpriseCas() {
    List<X509Certificate> out = new ArrayList<>();
    for (int i = 0; i < enterpriseCaPems.size(); i++) {
      out.add(parseCa("policy.proxy.enterpriseCaPems[" + i + "]", enterpriseCaPems.get(i)));
    }
    return out;
  }

  /**
   * Returns this section with defaults filled in and every field checked.
   *
   * @param key the JSON path of this section, for error messages (e.g. {@code policy.proxy})
   * @throws PolicyValidationException naming the key and the value
   */
  public ProxySettings validated(String key) {
    if (bypassHosts.size() > MAX_BYPASS_HOSTS) {
      throw new PolicyValidationException(
          key
              + ".bypassHosts: at most "
              + MAX_BYPASS_HOSTS
              + " entries, got "
              + bypassHosts.size());
    }
    List<String> bypass = new ArrayList<>();
    for (int i = 0; i < bypassHosts.size(); i++) {
      bypass.add(HostPattern.normalize(key + ".bypassHosts[" + i + "]", bypassHosts.get(i)));
    }
    int body = maxInspectedBodyBytes;
    if (body < MIN_INSPECTED_BODY_BYTES || body > MAX_INSPECTED_BODY_BYTES) {
      throw new PolicyValidationException(
          key
              + ".maxInspectedBodyBytes: expected between "
              + MIN_INSPECTED_BODY_BYTES
              + " and "
              + MAX_INSPECTED_BODY_BYTES
              + ", got "
              + body);
    }
    int ratio = maxDecompressionRatio;
    if (ratio < 1 || ratio > MAX_DECOMPRESSION_RATIO) {
      throw new PolicyValidationException(
          key
              + ".maxDecompressionRatio: expected between 1 and "
              + MAX_DECOMPRESSION_RATIO
              + ", got "
              + ratio);
    }
    if (enterpriseCaPems.size() > MAX_CA_PEMS) {
      throw new PolicyValidationException(
          key + ".enterpriseCaPems: at most " + MAX_CA_PEMS + ", got " + enterpriseCaPems.size());
    }
    for (int i = 0; i < enterpriseCaPems.size(); i++) {
      parseCa(key + ".enterpriseCaPems[" + i + "]", enterpriseCaPems.get(i));
    }
    return new ProxySettings(
        inspectAll,
        bypass,
        body,
        ratio,
        enterpriseCaPems,
        List.copyOf(checkedPorts(key + ".interceptPorts", interceptPorts)));
  }

  private static Collection<Integer> checkedPorts(String key, List<Integer> ports) {
    if (ports.size() > MAX_PORTS) {
      throw new PolicyValidationException(key + ": at most " + MAX_PORTS + ", got " + ports.size());
    }
    TreeSet<Integer> sorted = new TreeSet<>();
    for (Integer port : ports) {
      if (port == null || port < 1 || port > 65535) {
        throw new PolicyValidationException(key + ": expected ports 1..65535, got " + port);
      }
      if (!sorted.add(port)) {
        throw new PolicyValidationException(key + ": duplicate port " + port);
      }
    }
    return sorted;
  }

  private static X509Certificate parseCa(String key, String pem) {
    if (pem == null || pem.length() > MAX_CA_PEM_CHARS || !pem.contains("-----BEGIN CERTIFICATE")) {
      throw new PolicyValidationException(
          key + ": expected one PEM CERTIFICATE of at most " + MAX_CA_PEM_CHARS + " characters");
    }
    try {
      var parsed =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(
                  new ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII)));
      if (parsed.size() != 1 || !(parsed.iterator().next() instanceof X509Certificate cert)) {
        throw new PolicyValidationException(
            key + ": expected exactly one certificate, got " + parsed.size());
      }
      if (cert.getBasicConstraints() < 0) {
        throw new PolicyValidationException(
            key + ": expected a CA certificate, got " + cert.getSubjectX500Principal().getName());
      }
      return cert;
    } catch (CertificateException e) {
      throw new PolicyValidationException(key + ": not a valid X.509 certificate");
    }
  }
}
