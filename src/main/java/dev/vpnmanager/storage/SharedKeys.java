package dev.vpnmanager.storage;

import dev.vpnmanager.common.OperationFailedException;
import dev.vpnmanager.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manager's own secret keys (the button signing key, the subscription key), kept in the database as state
 * rows, so that every instance on one database signs with the same key and a backup of the database restores
 * them with it. A key is made once, insert-if-absent: of several processes starting at once, one row wins and
 * all read that one. A key file of an older version in the data dir ({@code NAME.key}) is the source the first
 * time: its key is imported, never replaced, so buttons and subscription links made before stay valid; after
 * that the file is not read for anything but a warning when it differs. Key bytes are never logged.
 */
@Singleton
public final class SharedKeys {
  private static final Logger LOG = LoggerFactory.getLogger(SharedKeys.class);
  static final String PREFIX = "secret-key:";
  static final int LENGTH = 32;
  private final StateStore state;
  private final Path dataDir;
  private final SecureRandom random;

  @Inject
  public SharedKeys(StateStore state, Settings settings, SecureRandom random) {
    this(state, settings.dataDir(), random);
  }

  public SharedKeys(StateStore state, Path dataDir, SecureRandom random) {
    this.state = state;
    this.dataDir = dataDir;
    this.random = random;
  }

  /** The key called {@code name} ({@code callback}, {@code subscription}): the stored one, else made now. */
  public byte[] get(String name) {
    Path file = dataDir.resolve(name + ".key");
    String row = PREFIX + name;
    Optional<byte[]> stored = state.get(row).map(v -> decode(row, v));
    if (stored.isEmpty()) {
      byte[] legacy = readFile(file);
      byte[] candidate = legacy != null ? legacy : fresh();
      if (state.compareAndPut(row, Optional::isEmpty, Base64.getEncoder().encodeToString(candidate))
          && legacy != null) {
        LOG.warn("imported the key in {} into the database: every instance on this database uses it now", file);
      }
      stored = state.get(row).map(v -> decode(row, v));
    }
    byte[] key = stored.orElseThrow(() -> new OperationFailedException("the key " + name + " was not stored"));
    byte[] legacy = oldFile(file);
    if (legacy != null && !MessageDigest.isEqual(legacy, key)) {
      LOG.warn("{} differs from the {} key in the database; the database's key is used (the file is no longer "
          + "read; delete it)", file, name);
    }
    return key;
  }

  private byte[] fresh() {
    byte[] key = new byte[LENGTH];
    random.nextBytes(key);
    return key;
  }

  private static byte[] decode(String row, String value) {
    byte[] key;
    try {
      key = Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      key = new byte[0];
    }
    if (key.length < LENGTH) {
      throw new OperationFailedException("the state row " + row + " is damaged: restore the database from a backup");
    }
    return key;
  }

  /** The file for the comparison only: unreadable or damaged, it does not matter any more. */
  private static byte[] oldFile(Path file) {
    try {
      return readFile(file);
    } catch (OperationFailedException e) {
      return null;
    }
  }

  /** An older version's key file, or null when there is none. */
  private static byte[] readFile(Path file) {
    try {
      if (!Files.exists(file)) {
        return null;
      }
      byte[] key = Files.readAllBytes(file);
      if (key.length < LENGTH) {
        throw new OperationFailedException(file + " is damaged (it is imported into the database once): restore it "
            + "from a backup, or delete it to make a new key (old links and buttons then stop working)");
      }
      return key;
    } catch (IOException e) {
      throw new OperationFailedException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
