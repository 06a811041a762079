package dev.vpnmanager.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Date;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** A one-file tar archive, the form the engine's copy-to-container call takes. */
final class Tar {
  private Tar() {}

  static byte[] single(String absolutePath, byte[] content, int mode, Instant modified) {
    return single(absolutePath, content, mode, 0, 0, modified);
  }

  /** The entry owned by uid:gid (numeric; the engine keeps the owner of what it extracts). */
  static byte[] single(String absolutePath, byte[] content, int mode, int uid, int gid, Instant modified) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream(content.length + 1024);
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(buf)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      TarArchiveEntry e = new TarArchiveEntry(absolutePath.substring(1));
      e.setSize(content.length);
      e.setMode(0100000 | (mode & 07777));
      e.setModTime(Date.from(modified));
      e.setUserId(uid);
      e.setGroupId(gid);
      tar.putArchiveEntry(e);
      tar.write(content);
      tar.closeArchiveEntry();
      tar.finish();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buf.toByteArray();
  }
}
