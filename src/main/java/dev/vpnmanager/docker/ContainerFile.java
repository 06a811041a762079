package dev.vpnmanager.docker;

/**
 * A file written into a container before it starts (a rendered config, say), owned by {@code uid:gid}. Content
 * may be secret: mode 0600 and the owner the container's process runs as.
 */
public record ContainerFile(String path, byte[] content, int mode, int uid, int gid) {
  public ContainerFile(String path, byte[] content, int mode) {
    this(path, content, mode, 0, 0);
  }

  public ContainerFile {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("container file path must be absolute: " + path);
    }
    content = content.clone();
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  @Override
  public String toString() {
    return "ContainerFile[" + path + ", " + content.length + " bytes, " + uid + ":" + gid + "]";
  }
}
