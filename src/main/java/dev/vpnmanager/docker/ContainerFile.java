package dev.vpnmanager.docker;

/** A file written into a container before it starts (a rendered config, say). Content may be secret. */
public record ContainerFile(String path, byte[] content, int mode) {
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
    return "ContainerFile[" + path + ", " + content.length + " bytes]";
  }
}
