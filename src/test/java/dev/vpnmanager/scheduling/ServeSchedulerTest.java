package dev.vpnmanager.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** serve in a real child process: its jobs run (a user expires on their own) and SIGTERM stops it cleanly. */
class ServeSchedulerTest {
  @TempDir Path dir;

  String cli(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = Main.run(args, env, new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
    assertEquals(0, code, out.toString());
    return out.toString();
  }

  @Test
  void serveRunsTheEnforcementJobAndStopsOnSigterm() throws Exception {
    Map<String, String> env = Map.of("VPN_DATA_DIR", dir.resolve("data").toString(), "VPN_PUBLIC_HOST", "vpn.test");
    String expires = java.time.Instant.now().plusSeconds(2).toString();
    cli(env, "users", "add", "alice", "--protocol", "vless", "--expires", expires);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "serve").redirectErrorStream(true).redirectOutput(dir.resolve("serve.log").toFile());
    pb.environment().putAll(env);
    pb.environment().put("VPN_ENFORCE_INTERVAL", "500ms");
    pb.environment().put("VPN_HTTP_LISTEN", "127.0.0.1:0");
    Process serve = pb.start();
    try {
      Thread.sleep(6_000);
      assertTrue(serve.isAlive(), Files.readString(dir.resolve("serve.log")));
      serve.destroy();
      assertTrue(serve.waitFor(20, TimeUnit.SECONDS), "stopped on SIGTERM");
    } finally {
      serve.destroyForcibly();
    }
    String log = Files.readString(dir.resolve("serve.log"));
    assertTrue(log.contains("vpn-manager stopped"), log);
    assertTrue(cli(env, "users", "show", "alice", "--format", "json").contains("\"status\" : \"expired\""),
        cli(env, "users", "show", "alice", "--format", "json"));
  }

  @Test
  void badJobSettingsFailServeAtStartWithExitCode2() {
    for (Map.Entry<String, String> bad : Map.of("VPN_ALERTS_CPU_PERCENT", "lots", "VPN_DAILY_AT", "25:99",
        "VPN_BACKUP_KEEP", "0").entrySet()) {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code = Main.run(new String[] {"serve"}, Map.of("VPN_DATA_DIR", dir.resolve("data").toString(),
          "VPN_PUBLIC_HOST", "vpn.test", bad.getKey(), bad.getValue()), new ByteArrayInputStream(new byte[0]),
          new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
      assertEquals(2, code, bad + ": " + err);
      assertTrue(err.toString().lines().anyMatch(l -> l.startsWith("error: ") && l.contains(bad.getValue())),
          err.toString());
    }
  }
}
