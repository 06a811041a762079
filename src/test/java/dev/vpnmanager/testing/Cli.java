package dev.vpnmanager.testing;

import dev.vpnmanager.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the real command line in-process with its own environment, input and captured output. */
public final class Cli {
  /** Exit code and what was printed. */
  public record Result(int code, String out, String err) {}

  private final Map<String, String> env = new HashMap<>();

  public Cli(Path dataDir) {
    env.put("VPN_DATA_DIR", dataDir.toString());
    env.put("VPN_PUBLIC_HOST", "vpn.example.test");
  }

  public Cli env(String key, String value) {
    env.put(key, value);
    return this;
  }

  public Result run(String... args) {
    return runWithInput("", args);
  }

  public Result runWithInput(String input, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, env, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
