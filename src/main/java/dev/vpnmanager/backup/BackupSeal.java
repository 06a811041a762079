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
   * The file to send: the backup itself without a recipient, else its sealed copy {@code NAME.gpg} beside it
   * (mode 0600), so a send resumed after a restart finds it.
   */
  public Path sealToFile(Path backup) {
    Outgoing out = seal(backup);
    if (!out.encrypted()) {
      return backup;
    }
    Path sealed = backup.resolveSibling(out.fileName());
    DataDir.writeSecret(sealed, out.content());
    return sealed;
  }

  private byte[] encrypt(byte[] plain, String name, PGPPublicKey key) throws IOException {
    PGPEncryptedDataGenerator gen = new PGPEncryptedDataGenerator(
        new JcePGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256).setWithIntegrityPacket(true)
            .setSecureRandom(random));
    gen.addMethod(new JcePublicKeyKeyEncryptionMethodGenerator(key).setSecureRandom(random));
    ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length + 1024);
    try (OutputStream enc = gen.open(out, new byte[1 << 16]);
         OutputStream lit = new PGPLiteralDataGenerator().open(enc, PGPLiteralData.BINARY, name, plain.length,
             new Date())) {
      lit.write(plain);
    } catch (PGPException e) {
      throw new OperationFailedException("cannot encrypt the backup: " + e.getMessage(), e);
    }
    return out.toByteArray();
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
