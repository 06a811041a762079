package dev.vpnmanager.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vpnmanager.config.Settings;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.docker.DockerEndpoint;
import dev.vpnmanager.docker.DockerJavaRuntime;
import dev.vpnmanager.docker.DockerUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
  /** Laid out like ghcr.io/xtls/xray-core: the static xray binary only, no shell, uid 65532. */
  public static final String XRAY = image("VPN_TEST_IMAGE_XRAY", "xray");
  private static volatile boolean buildTried;

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

  /**
   * The image, built by scripts/test-images.sh (once per run) when it is one of its images and missing; skips
   * (or fails) when it is still missing, so a shell without the exports finds or builds the images itself.
   */
  public static String requireImage(ContainerRuntime rt, String image) {
    if (!rt.imagePresent(image) && image.startsWith("vpn-manager-test/") && image.contains(":")) {
      build(image.substring(image.lastIndexOf(':') + 1));
    }
    if (!rt.imagePresent(image)) {
      missing("image " + image + " not present: build it with eval \"$(scripts/test-images.sh)\"");
    }
    return image;
  }

  private static synchronized void build(String tag) {
    if (buildTried) {
      return;
    }
    buildTried = true;
    Path script = Path.of(System.getProperty("vpn.projectDir", "."), "scripts", "test-images.sh");
    if (!Files.isExecutable(script)) {
      return;
    }
    try {
      ProcessBuilder pb = new ProcessBuilder(script.toString()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD);
      pb.environment().put("VPN_TEST_IMAGES_TAG", tag);
      Process p = pb.start();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
      }
    } catch (IOException e) {
      // reported by the caller as a missing image
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void missing(String msg) {
    if (Peers.required()) {
      fail(msg);
    }
    assumeTrue(false, msg);
  }
}
