package dev.tether.agent.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The device CA: an EC P-256 key and a self-signed certificate (CA:true, pathLen 0, keyCertSign and
 * cRLSign) the proxy mints leaf certificates from. Generated on the device at enrollment; the
 * private key never leaves it.
 */
public final class DeviceCa {
  /** Validity of a freshly generated device CA. */
  public static final Duration VALIDITY = Duration.ofDays(3650);

  private final X509Certificate certificate;
  private final PrivateKey privateKey;

  private DeviceCa(X509Certificate certificate, PrivateKey privateKey) {
    this.certificate = certificate;
    this.privateKey = privateKey;
  }

  /** Generates a new CA named {@code "Tether Device CA <hostname>"}. */
  public static DeviceCa generate(String hostname) throws GeneralSecurityException {
    KeyPair keys = newEcKeyPair();
    X500Name name =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.O, "Tether")
            .addRDN(BCStyle.CN, "Tether Device CA " + hostname)
            .build();
    Instant now = Instant.now();
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  name,
                  new BigInteger(127, new SecureRandom()).add(BigInteger.ONE),
                  Date.from(now.minus(Duration.ofHours(1))),
                  Date.from(now.plus(VALIDITY)),
                  name,
                  keys.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
              .addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  utils.createSubjectKeyIdentifier(keys.getPublic()));
      X509Certificate certificate =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
      return new DeviceCa(certificate, keys.getPrivate());
    } catch (OperatorCreationException | IOException e) {
      throw new GeneralSecurityException("device CA: cannot build certificate", e);
    }
  }

  /** Loads {@code ca.pem} and {@code ca.key}, checking that they belong together. */
  public static DeviceCa load(Path certificateFile, Path keyFile)
      throws IOException, GeneralSecurityException {
    X509Certificate certificate = Pem.readCertificates(certificateFile).get(0);
    PrivateKey key = Pem.readEcPrivateKey(keyFile);
    DeviceCa ca = new DeviceCa(certificate, key);
    LeafMinter.checkKeyMatches(ca);
    return ca;
  }

  static KeyPair newEcKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
    return generator.generateKeyPair();
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** The CA private key; only the leaf minter and the enroll step (to store it) use it. */
  public PrivateKey privateKey() {
    return privateKey;
  }

  public byte[] certificatePem() {
    return Pem.encode(certificate).getBytes(StandardCharsets.US_ASCII);
  }

  /** PKCS#8 PEM of the private key, for {@code ca.key} (0600) only. */
  public byte[] privateKeyPem() {
    return Pem.encode(Objects.requireNonNull(privateKey)).getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public String toString() {
    return "DeviceCa[" + certificate.getSubjectX500Principal() + ", key masked]";
  }
}
