package dev.vpnmanager.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts the program in a separate JVM (same class path), for tests that need real processes. */
public final class ChildJvm {
  private ChildJvm() {}

  public static ProcessBuilder builder(Path dataDir, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("dev.vpnmanager.Main");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("VPN_"));
    env.put("VPN_DATA_DIR", dataDir.toString());
    env.put("VPN_PUBLIC_HOST", "vpn.example.test");
    env.put("VPN_HTTP_LISTEN", "127.0.0.1:0");
    return pb;
  }

  /** Runs to completion (bounded) with the given stdin; returns exit code, stdout and stderr. */
  public static Cli.Result run(Path dataDir, String stdin, String... args) throws IOException, InterruptedException {
    Process p = builder(dataDir, args).start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("child JVM did not finish: " + String.join(" ", args));
    }
    return new Cli.Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }
}
