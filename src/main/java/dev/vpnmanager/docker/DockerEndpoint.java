package dev.vpnmanager.docker;

import dev.vpnmanager.config.ConfigKeys;
import dev.vpnmanager.config.Settings;
import java.util.Map;

/** Where the engine is: docker.host (VPN_DOCKER_HOST), else $DOCKER_HOST, else the local socket. */
public final class DockerEndpoint {
  public static final String LOCAL_SOCKET = "unix:///var/run/docker.sock";

  private DockerEndpoint() {}

  public static String resolve(Settings settings, Map<String, String> env) {
    String configured = settings.get(ConfigKeys.DOCKER_HOST);
    if (!configured.isBlank()) {
      return configured;
    }
    String fromEnv = env.get("DOCKER_HOST");
    return fromEnv == null || fromEnv.isBlank() ? LOCAL_SOCKET : fromEnv.trim();
  }
}
