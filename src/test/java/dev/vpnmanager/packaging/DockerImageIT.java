package dev.vpnmanager.packaging;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile builds (classic builder, base images made by scripts/base-images.sh from Debian packages)
 * and the image runs doctor and the console: see scripts/test-image.sh. A first build downloads the Maven
 * dependencies inside the build (about 3-4 minutes here); with Docker's layer cache later builds are quicker.
 */
class DockerImageIT {
  @Test
  void imageBuildsAndRunsDoctorAndTheConsole() throws Exception {
    ScriptCheck.requireRoot("building the image");
    String out = ScriptCheck.run("test-image.sh", Duration.ofMinutes(15), Map.of());
    assertTrue(out.contains("ok: console answers /help piped in"), out);
    assertTrue(out.contains("all checks passed"), out);
  }
}
