package dev.vpnmanager.docker;

import dev.vpnmanager.common.OperationFailedException;

/** The container engine cannot be reached: the message says where it was looked for and what to do. */
public final class DockerUnavailableException extends OperationFailedException {
  public DockerUnavailableException(String endpoint, Throwable cause) {
    super("Docker engine at " + endpoint + " is not reachable (" + reason(cause)
        + "): start it (systemctl start docker) or point VPN_DOCKER_HOST at one", cause);
  }

  private static String reason(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage();
    return m == null || m.isBlank() ? root.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
  }
}
