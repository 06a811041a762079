package dev.vpnmanager.protocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a real binary with an argument list (never a shell string) and returns its exit code and output. */
public final class Exec {
  public record Result(int exit, String out) {}

  private Exec() {}

  public static Result run(String stdin, Path binary, String... args) {
    return run(stdin, true, binary, args);
  }

  /** Standard output only: for tools that chatter on stderr (zbarimg without D-Bus). */
  public static Result stdout(Path binary, String... args) {
    return run(null, false, binary, args);
  }

  private static Result run(String stdin, boolean withStderr, Path binary, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary.toString());
    cmd.addAll(List.of(args));
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd);
      if (withStderr) {
        pb.redirectErrorStream(true);
      } else {
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
      }
      Process p = pb.start();
      if (stdin != null) {
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(cmd + " did not finish");
      }
      return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
