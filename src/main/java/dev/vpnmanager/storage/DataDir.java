package dev.vpnmanager.storage;

import dev.vpnmanager.common.OperationFailedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The data dir holds the database and keys: owner-only permissions (0700 dir, 0600 files). */
public final class DataDir {
  private DataDir() {}

  public static void ensure(Path dir) {
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir);
        restrict(dir, "rwx------");
      }
    } catch (IOException e) {
      throw new OperationFailedException("cannot create data dir " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Creates an empty file with mode 0600 if it does not exist yet (a race with another process is fine). */
  public static void createSecretFile(Path file) {
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (java.nio.file.FileAlreadyExistsException e) {
      // already there
    } catch (IOException e) {
      throw new OperationFailedException("cannot create " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes a secret file atomically with mode 0600 from the start. */
  public static void writeSecret(Path file, byte[] content) {
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.deleteIfExists(tmp);
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(tmp, content);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new OperationFailedException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static void restrict(Path p, String perms) {
    try {
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    } catch (IOException | UnsupportedOperationException e) {
      throw new OperationFailedException("cannot set permissions on " + p + ": " + e.getMessage(), e);
    }
  }
}
