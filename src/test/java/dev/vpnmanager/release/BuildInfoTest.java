package dev.vpnmanager.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildInfoTest {
  @Test
  void unfilledOrMissingValuesReadAsUnknown() {
    assertEquals("unknown", BuildInfo.value(null));
    assertEquals("unknown", BuildInfo.value(" "));
    assertEquals("unknown", BuildInfo.value("${project.version}"));
    assertEquals("1.2.3", BuildInfo.value("1.2.3\n"));
    assertEquals("vpn-manager 1.0 (commit unknown)", new BuildInfo("1.0", "unknown", false).line());
    assertEquals("vpn-manager 1.0 (commit abc, modified)", new BuildInfo("1.0", "abc", true).line());
  }

  @Test
  void versionOptionPrintsTheMavenVersionAndTheCommit() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"--version"}, Map.of(), new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, code);
    String line = out.toString(StandardCharsets.UTF_8).trim();
    // the version comes from the POM through resource filtering, never a literal in the code
    assertNotEquals("unknown", BuildInfo.current().version());
    assertTrue(line.matches("vpn-manager \\S+ \\(commit (unknown|[0-9a-f]{7,40})(, modified)?\\)"), line);
    assertTrue(line.startsWith("vpn-manager " + BuildInfo.current().version() + " "), line);
  }
}
