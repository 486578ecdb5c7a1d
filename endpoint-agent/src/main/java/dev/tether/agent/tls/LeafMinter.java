package dev.tether.agent.tls;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Mints short-lived leaf certificates (ECDSA P-256, SAN dNSName or iPAddress) from the device CA
 * and keeps the resulting server {@link SslContext}s in a bounded LRU cache. ALPN offers {@code h2}
 * and {@code http/1.1} (a client without ALPN gets HTTP/1.1). Thread-safe.
 */
public final class LeafMinter {
  /** Leaf validity; short so a leaked leaf key is worth little. */
  public static final Duration LEAF_VALIDITY = Duration.ofDays(2);

  /** Default number of hosts whose contexts are cached. */
  public static final int DEFAULT_CACHE_SIZE = 512;

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final DeviceCa ca;
  private final int cacheSize;
  private final Map<String, SslContext> cache;
  private final java.util.concurrent.atomic.AtomicLong minted =
      new java.util.concurrent.atomic.AtomicLong();

  public LeafMinter(DeviceCa ca, int cacheSize) {
    if (cacheSize < 1) {
      throw new IllegalArgumentException("leaf cache size: expected >= 1, got " + cacheSize);
    }
    this.ca = ca;
    this.cacheSize = cacheSize;
    this.cache =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, SslContext> eldest) {
            return size() > LeafMinter.this.cacheSize;
          }
        };
  }

  /** The server context for {@code host}, minting a leaf on a cache miss. */
  public SslContext serverContext(String host) throws GeneralSecurityException {
    String key = host.toLowerCase(Locale.ROOT);
    synchronized (cache) {
      SslContext cached = cache.get(key);
      if (cached != null) {
        return cached;
      }
    }
    KeyPair leafKeys = DeviceCa.newEcKeyPair();
    X509Certificate leaf = mint(key, leafKeys);
    SslContext context;
    try {
      context =
          SslContextBuilder.forServer(leafKeys.getPrivate(), leaf, ca.certificate())
              .sslProvider(TlsProviders.provider())
              .protocols("TLSv1.3", "TLSv1.2")
              .applicationProtocolConfig(
                  new ApplicationProtocolConfig(
                      ApplicationProtocolConfig.Protocol.ALPN,
                      ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                      ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                      ApplicationProtocolNames.HTTP_2,
                      ApplicationProtocolNames.HTTP_1_1))
              .build();
    } catch (IOException e) {
      throw new GeneralSecurityException("leaf context for " + key, e);
    }
    minted.incrementAndGet();
    synchronized (cache) {
      cache.put(key, context);
    }
    return context;
  }

  /** Contexts minted since start (cache misses), for status and benchmarks. */
  public long minted() {
    return minted.get();
  }

  /** Number of cached contexts (never above the bound). */
  public int cachedHosts() {
    synchronized (cache) {
      return cache.size();
    }
  }

  /** Mints one leaf certificate for {@code host} signed by the device CA. */
  public X509Certificate mint(String host, KeyPair leafKeys) throws GeneralSecurityException {
    boolean ip = IPV4.matcher(host).matches() || host.contains(":");
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, host).build();
    Instant now = Instant.now();
    Instant notAfter = now.plus(LEAF_VALIDITY);
    Instant caEnd = ca.certificate().getNotAfter().toInstant();
    if (notAfter.isAfter(caEnd)) {
      notAfter = caEnd;
    }
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              ca.certificate(),
              new BigInteger(127, new SecureRandom()).add(BigInteger.ONE),
              Date.from(now.minus(Duration.ofHours(1))),
              Date.from(notAfter),
              subject,
              leafKeys.getPublic());
      builder
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
          .addExtension(
              Extension.extendedKeyUsage,
              false,
              new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
          .addExtension(
              Extension.subjectAlternativeName,
              false,
              new GeneralNames(
                  new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, host)))
          .addExtension(
              Extension.authorityKeyIdentifier,
              false,
              utils.createAuthorityKeyIdentifier(ca.certificate()))
          .addExtension(
              Extension.subjectKeyIdentifier,
              false,
              utils.createSubjectKeyIdentifier(leafKeys.getPublic()));
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.privateKey())));
    } catch (OperatorCreationException | IOException e) {
      throw new GeneralSecurityException("leaf for " + host + ": cannot build certificate", e);
    }
  }

  static void checkKeyMatches(DeviceCa ca) throws GeneralSecurityException {
    byte[] probe = "tether-device-ca-probe".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(ca.privateKey());
    signer.update(probe);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(ca.certificate().getPublicKey());
    verifier.update(probe);
    if (!verifier.verify(signature)) {
      throw new GeneralSecurityException("device CA: ca.key does not belong to ca.pem");
    }
  }
}
