package dev.vpnmanager.backup;

import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.common.OperationFailedException;
import dev.vpnmanager.config.ConfigKeys;
import dev.vpnmanager.config.Settings;
import dev.vpnmanager.storage.DataDir;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Date;
import java.util.Iterator;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePublicKeyKeyEncryptionMethodGenerator;

/**
 * Backups that leave the machine (the daily one to the owner's chat, /backup) carry every user's credentials
 * and the servers' private keys. With {@code backup.recipient} naming an OpenPGP public key file they leave
 * encrypted to that key (OpenPGP message, AES-256 with integrity protection; decrypt with {@code gpg -d}).
 * Backups kept in the data dir stay as they are: restore reads them directly.
 */
@Singleton
public final class BackupSeal {
  /** What goes out: the bytes, the file name to show, and whether it is encrypted. */
  public record Outgoing(byte[] content, String fileName, boolean encrypted) {}

  private final Optional<PGPPublicKey> recipient;
  private final SecureRandom random;

  @Inject
  public BackupSeal(Settings settings, SecureRandom random) {
    this.random = random;
    String file = settings.get(ConfigKeys.BACKUP_RECIPIENT);
    this.recipient = file == null || file.isBlank() ? Optional.empty() : Optional.of(readKey(Path.of(file)));
  }

  public boolean encrypts() {
    return recipient.isPresent();
  }

  public Outgoing seal(Path backup) {
    try {
      byte[] plain = Files.readAllBytes(backup);
      String name = backup.getFileName().toString();
      if (recipient.isEmpty()) {
        return new Outgoing(plain, name, false);
      }
      return new Outgoing(encrypt(plain, name, recipient.get()), name + ".gpg", true);
    } catch (IOException e) {
      throw new OperationFailedException("cannot read the backup " + backup + ": " + e.getMessage(), e);
    }
  }

  /**
   * The file to send: the backup itself without a recipient (not read here: it leaves as it is), else its sealed
   * copy {@code NAME.gpg} beside it (mode 0600), so a send resumed after a restart finds it. Encrypted from file to
   * file: the daily job never holds a database-sized array (nor, through NIO, a native buffer of that size).
   */
  public Path sealToFile(Path backup) {
    if (recipient.isEmpty()) {
      return backup;
    }
    Path sealed = backup.resolveSibling(backup.getFileName() + ".gpg");
    Path tmp = sealed.resolveSibling(sealed.getFileName() + ".tmp");
    try {
      Files.deleteIfExists(tmp);
      DataDir.createSecretFile(tmp);
      try (InputStream in = Files.newInputStream(backup);
           OutputStream out = Files.newOutputStream(tmp, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
        encrypt(in, Files.size(backup), backup.getFileName().toString(), recipient.get(), out);
      }
      Files.move(tmp, sealed, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return sealed;
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // the error below says what failed
      }
      throw new OperationFailedException("cannot seal the backup " + backup + ": " + e.getMessage(), e);
    }
  }

  private byte[] encrypt(byte[] plain, String name, PGPPublicKey key) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length + 1024);
    encrypt(new java.io.ByteArrayInputStream(plain), plain.length, name, key, out);
    return out.toByteArray();
  }

  private void encrypt(InputStream plain, long length, String name, PGPPublicKey key, OutputStream out)
      throws IOException {
    PGPEncryptedDataGenerator gen = new PGPEncryptedDataGenerator(
        new JcePGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256).setWithIntegrityPacket(true)
            .setSecureRandom(random));
    gen.addMethod(new JcePublicKeyKeyEncryptionMethodGenerator(key).setSecureRandom(random));
    try (OutputStream enc = gen.open(out, new byte[1 << 16]);
         OutputStream lit = new PGPLiteralDataGenerator().open(enc, PGPLiteralData.BINARY, name, length,
             new Date())) {
      plain.transferTo(lit);
    } catch (PGPException e) {
      throw new OperationFailedException("cannot encrypt the backup: " + e.getMessage(), e);
    }
  }

  /** The first key in the file that can encrypt; a file without one is a configuration error. */
  static PGPPublicKey readKey(Path file) {
    try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(file))) {
      PGPPublicKeyRingCollection rings = new PGPPublicKeyRingCollection(in, new JcaKeyFingerprintCalculator());
      for (Iterator<PGPPublicKeyRing> r = rings.getKeyRings(); r.hasNext(); ) {
        for (Iterator<PGPPublicKey> k = r.next().getPublicKeys(); k.hasNext(); ) {
          PGPPublicKey key = k.next();
          if (key.isEncryptionKey() && !key.hasRevocation()) {
            return key;
          }
        }
      }
    } catch (IOException | PGPException | RuntimeException e) {
      throw new InvalidInputException("backup.recipient: " + file + " is not a readable OpenPGP public key ("
          + e.getMessage() + ")");
    }
    throw new InvalidInputException("backup.recipient: " + file + " holds no OpenPGP key that can encrypt");
  }
}
