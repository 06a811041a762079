package dev.vpnmanager.docker;

import dev.vpnmanager.common.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A Docker engine's TLS client files as DOCKER_CERT_PATH holds them (ca.pem, cert.pem, key.pem), read with the JDK
 * alone: certificates in PEM, the key as PKCS#8 ("BEGIN PRIVATE KEY", what openssl 3 writes) or PKCS#1 RSA ("BEGIN
 * RSA PRIVATE KEY"). Any problem is an {@link InvalidInputException} naming the file, before anything is stored.
 */
public record TlsFiles(List<X509Certificate> ca, List<X509Certificate> chain, PrivateKey key) {
  public static final List<String> NAMES = List.of("ca.pem", "cert.pem", "key.pem");

  public static TlsFiles read(Path dir) {
    List<X509Certificate> ca = certs(dir.resolve("ca.pem"));
    List<X509Certificate> chain = certs(dir.resolve("cert.pem"));
    return new TlsFiles(ca, chain, key(dir.resolve("key.pem"), chain.get(0).getPublicKey().getAlgorithm()));
  }

  /** The client certificate (the first of cert.pem). */
  public X509Certificate client() {
    return chain.get(0);
  }

  /** Trusts only ca.pem, presents cert.pem with key.pem. */
  public SSLContext context() {
    try {
      char[] pw = new char[0];
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry("client", key, pw, chain.toArray(X509Certificate[]::new));
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, pw);
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      for (int i = 0; i < ca.size(); i++) {
        trust.setCertificateEntry("ca" + i, ca.get(i));
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw new InvalidInputException("TLS files do not fit together: " + e.getMessage());
    }
  }

  private static List<X509Certificate> certs(Path file) {
    byte[] bytes = readable(file);
    try {
      Collection<? extends java.security.cert.Certificate> all = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(bytes));
      List<X509Certificate> out = new ArrayList<>();
      all.forEach(c -> out.add((X509Certificate) c));
      if (out.isEmpty()) {
        throw new InvalidInputException(file + " holds no certificate");
      }
      return out;
    } catch (GeneralSecurityException e) {
      throw new InvalidInputException(file + " is not a PEM certificate: " + e.getMessage());
    }
  }

  private static PrivateKey key(Path file, String algorithm) {
    String pem = new String(readable(file), StandardCharsets.US_ASCII);
    boolean pkcs1 = pem.contains("BEGIN RSA PRIVATE KEY");
    if (!pkcs1 && !pem.contains("BEGIN PRIVATE KEY")) {
      throw new InvalidInputException(file + " is not an unencrypted PKCS#8 or RSA key: convert it with "
          + "`openssl pkcs8 -topk8 -nocrypt -in key.pem -out key8.pem`");
    }
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    try {
      byte[] der = Base64.getDecoder().decode(body);
      if (pkcs1) {
        der = Pkcs8.wrapRsa(der);
        algorithm = "RSA";
      }
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new InvalidInputException(file + " cannot be read as a " + algorithm + " key: " + e.getMessage());
    }
  }

  private static byte[] readable(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + file + ": " + e.getMessage());
    }
  }

  /** PKCS#1 RSA keys wrapped as PKCS#8 (a fixed AlgorithmIdentifier for rsaEncryption). */
  static final class Pkcs8 {
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
        (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private Pkcs8() {}

    static byte[] wrapRsa(byte[] pkcs1) {
      byte[] octets = tlv(0x04, pkcs1);
      byte[] version = {0x02, 0x01, 0x00};
      byte[] body = new byte[version.length + RSA_ALGORITHM.length + octets.length];
      System.arraycopy(version, 0, body, 0, version.length);
      System.arraycopy(RSA_ALGORITHM, 0, body, version.length, RSA_ALGORITHM.length);
      System.arraycopy(octets, 0, body, version.length + RSA_ALGORITHM.length, octets.length);
      return tlv(0x30, body);
    }

    private static byte[] tlv(int tag, byte[] value) {
      int n = value.length;
      byte[] len = n < 128 ? new byte[] {(byte) n}
          : n < 256 ? new byte[] {(byte) 0x81, (byte) n}
          : n < 65536 ? new byte[] {(byte) 0x82, (byte) (n >> 8), (byte) n}
          : new byte[] {(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
      byte[] out = new byte[1 + len.length + n];
      out[0] = (byte) tag;
      System.arraycopy(len, 0, out, 1, len.length);
      System.arraycopy(value, 0, out, 1 + len.length, n);
      return out;
    }
  }
}
