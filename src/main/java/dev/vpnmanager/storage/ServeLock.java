package dev.vpnmanager.storage;

import dev.vpnmanager.common.OperationFailedException;
import dev.vpnmanager.config.Settings;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One serve per SQLite file: serve holds a lock on {@code <database>.serve.lock} for as long as it runs, and
 * a second serve on the same file stops before it changes anything. (Not the {@code .open.lock} that every
 * process takes briefly while it opens and migrates the database; CLI commands and the console still work
 * next to a running serve.) The operating system drops the lock when the process dies, kill -9 included.
 * PostgreSQL needs no such lock: several serve processes share one database there.
 */
public final class ServeLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private ServeLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock for a SQLite database (nothing for PostgreSQL); a clear one-line error when it is taken. */
  public static ServeLock acquire(Settings settings) {
    String url = settings.databaseUrl();
    if (!url.startsWith("jdbc:sqlite:")) {
      return new ServeLock(null, null);
    }
    Path db = DatabaseBuilder.sqliteFile(url);
    Path file = db.resolveSibling(db.getFileName() + ".serve.lock");
    FileChannel ch = null;
    try {
      DataDir.ensure(settings.dataDir());
      Files.createDirectories(db.getParent());
      DataDir.createSecretFile(file);
      ch = FileChannel.open(file, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // this JVM holds it already
      }
      if (lock == null) {
        ch.close();
        throw new OperationFailedException("another vpn-manager serve is running on " + db + " (it holds " + file
            + "): stop it first; to run several, use PostgreSQL (database.url)");
      }
      return new ServeLock(ch, lock);
    } catch (IOException e) {
      try {
        if (ch != null) {
          ch.close();
        }
      } catch (IOException ignored) {
        // closing after a failure
      }
      throw new OperationFailedException("cannot lock " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      if (lock != null) {
        lock.release();
      }
      if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      // the process is ending; the OS drops the lock anyway
    }
  }
}
