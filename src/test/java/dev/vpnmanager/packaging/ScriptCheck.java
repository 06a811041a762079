package dev.vpnmanager.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vpnmanager.testing.Peers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the project's check scripts (scripts/test-*.sh) as a test: exit 0 passes, 1 fails with the
 * script's output, 2 ("cannot run here": not root, no dpkg, no Docker ...) skips with the script's reason, or
 * fails when real peers are required (CI). The whole output is kept in target/ for reading afterwards.
 */
final class ScriptCheck {
  private ScriptCheck() {}

  static Path projectDir() {
    return Path.of(System.getProperty("vpn.projectDir", ".")).toAbsolutePath();
  }

  static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  static void requireRoot(String what) {
    if (!root()) {
      missing(what + " needs root (dpkg, chroot, docker)");
    }
  }

  static void missing(String msg) {
    if (Peers.required()) {
      fail(msg);
    }
    assumeTrue(false, msg);
  }

  /** Runs {@code scripts/NAME args} in the project dir, bounded by {@code timeout}; returns its output. */
  static String run(String name, Duration timeout, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Path dir = projectDir();
    List<String> cmd = new ArrayList<>();
    cmd.add(dir.resolve("scripts").resolve(name).toString());
    cmd.addAll(List.of(args));
    Path log = dir.resolve("target").resolve(name.replace(".sh", "") + ".log");
    Files.createDirectories(log.getParent());
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().putAll(env);
    long t0 = System.nanoTime();
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroy);
      p.destroy();
      p.waitFor(10, TimeUnit.SECONDS);
      fail(name + " did not finish within " + timeout.toSeconds() + " s; output in " + log + ":\n" + tail(log));
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    System.out.println(name + " took " + Duration.ofNanos(System.nanoTime() - t0).toMillis() + " ms\n" + out);
    if (p.exitValue() == 2) {
      missing(name + ": " + out.strip().lines().reduce((a, b) -> b).orElse("cannot run here"));
    }
    assertEquals(0, p.exitValue(), name + " failed (exit " + p.exitValue() + "); output in " + log + ":\n" + out);
    return out;
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
