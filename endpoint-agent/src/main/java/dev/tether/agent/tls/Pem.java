package dev.tether.agent.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/** PEM encoding of certificates and PKCS#8 private keys. */
public final class Pem {
  private Pem() {}

  /** Encodes a certificate or a private key (as {@code PRIVATE KEY}, PKCS#8). */
  public static String encode(Object value) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      if (value instanceof PrivateKey key) {
        writer.writeObject(new PemObject("PRIVATE KEY", key.getEncoded()));
      } else {
        writer.writeObject(value);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Every certificate in a PEM file; throws if there is none. */
  public static List<X509Certificate> readCertificates(Path file)
      throws IOException, GeneralSecurityException {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    List<X509Certificate> certificates = new ArrayList<>();
    try (PemReader reader =
        new PemReader(new StringReader(Files.readString(file, StandardCharsets.US_ASCII)))) {
      for (PemObject object = reader.readPemObject();
          object != null;
          object = reader.readPemObject()) {
        if (object.getType().equals("CERTIFICATE")) {
          certificates.add(
              (X509Certificate)
                  factory.generateCertificate(new ByteArrayInputStream(object.getContent())));
        }
      }
    }
    if (certificates.isEmpty()) {
      throw new GeneralSecurityException(file + ": expected at least one CERTIFICATE, got none");
    }
    return certificates;
  }

  /** The PKCS#8 EC private key in a PEM file. */
  public static PrivateKey readEcPrivateKey(Path file)
      throws IOException, GeneralSecurityException {
    try (PemReader reader =
        new PemReader(new StringReader(Files.readString(file, StandardCharsets.US_ASCII)))) {
      PemObject object = reader.readPemObject();
      if (object == null || !object.getType().equals("PRIVATE KEY")) {
        throw new GeneralSecurityException(file + ": expected a PKCS#8 PRIVATE KEY");
      }
      return KeyFactory.getInstance("EC")
          .generatePrivate(new PKCS8EncodedKeySpec(object.getContent()));
    }
  }
}
