package dev.vpnmanager.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vpnmanager.config.Settings;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.docker.DockerEndpoint;
import dev.vpnmanager.docker.DockerJavaRuntime;
import dev.vpnmanager.docker.DockerUnavailableException;
import java.time.Clock;
import java.util.Map;

/**
 * A real Docker engine and the local test images, as a peer: missing ones skip the test with a message that
 * says how to get them, or fail it when real peers are required (CI, VPN_REQUIRE_PEERS=true).
 */
public final class DockerPeer {
  /** The image names scripts/test-images.sh builds; its export lines override them. */
  public static final String V2RAY = image("VPN_TEST_IMAGE_V2RAY", "v2ray");
  public static final String SHADOWSOCKS = image("VPN_IMAGES_SHADOWSOCKS", "shadowsocks");
  public static final String WIREGUARD = image("VPN_IMAGES_WIREGUARD", "wireguard");
  public static final String WIREGUARD_CLIENT = image("VPN_TEST_IMAGE_WIREGUARD_CLIENT", "wireguard-client");
  public static final String PROXY = image("VPN_TEST_IMAGE_PROXY", "proxy");

  private DockerPeer() {}

  private static String image(String envVar, String name) {
    String v = System.getenv(envVar);
    return v == null || v.isBlank() ? "vpn-manager-test/" + name + ":local" : v;
  }

  /** A runtime on the engine this machine points at; skips (or fails) when no engine answers. */
  public static ContainerRuntime runtime() {
    String configured = System.getenv().getOrDefault("VPN_DOCKER_HOST", "");
    DockerJavaRuntime rt = new DockerJavaRuntime(DockerEndpoint.resolve(Settings.of(Map.of("docker.host",
        configured)), System.getenv()), Clock.systemUTC());
    try {
      rt.engineVersion();
    } catch (DockerUnavailableException e) {
      missing("no Docker engine: " + e.getMessage() + " (as root: scripts/ci-provision.sh)");
    }
    return rt;
  }

  /** Skips (or fails) unless the image is present on the engine. */
  public static String requireImage(ContainerRuntime rt, String image) {
    if (!rt.imagePresent(image)) {
      missing("image " + image + " not present: build it with eval \"$(scripts/test-images.sh)\"");
    }
    return image;
  }

  private static void missing(String msg) {
    if (Peers.required()) {
      fail(msg);
    }
    assumeTrue(false, msg);
  }
}
