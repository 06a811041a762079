package dev.vpnmanager.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vpnmanager.testing.ChildJvm;
import dev.vpnmanager.testing.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real processes adding users to the same fresh SQLite file at the same time: both succeed. */
class ConcurrentWritersTest {
  @TempDir Path dir;

  @Test
  void twoProcessesAddUsersAtOnce() throws Exception {
    StringBuilder a = new StringBuilder();
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      a.append("/adduser pa").append(i).append(" wireguard\n");
      b.append("/adduser pb").append(i).append(" wireguard\n");
    }
    Process pa = start(a.toString());
    Process pb = start(b.toString());
    String outA = finish(pa);
    String outB = finish(pb);
    assertEquals(40, count(outA, "✅ User"), outA);
    assertEquals(40, count(outB, "✅ User"), outB);
    Cli.Result list = ChildJvm.run(dir, "", "users", "list", "--format", "plain");
    assertEquals(80, list.out().lines().count());
    // both processes allocated WireGuard addresses from the same pool: no address twice
    Cli.Result export = ChildJvm.run(dir, "", "users", "export", "--format", "csv");
    List<String> addresses = new ArrayList<>();
    export.out().lines().skip(1).forEach(l -> addresses.add(l.replaceAll(".*address\"\":\"\"([0-9.]+).*", "$1")));
    assertEquals(80, addresses.stream().distinct().count());
  }

  private Process start(String script) throws IOException {
    Process p = ChildJvm.builder(dir, "console").start();
    p.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    return p;
  }

  private static String finish(Process p) throws Exception {
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(120, TimeUnit.SECONDS);
    assertEquals(0, p.exitValue(), err);
    return out + err;
  }

  private static int count(String text, String needle) {
    return text.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
  }
}
