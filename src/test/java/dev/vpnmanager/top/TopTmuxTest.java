package dev.vpnmanager.top;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vpnmanager.testing.Cli;
import dev.vpnmanager.testing.Peers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `top` in a real terminal: a tmux pane on a private tmux server runs the program; keys go in with send-keys and
 * the screen comes out with capture-pane -p.
 */
class TopTmuxTest {
  @TempDir Path dir;
  final String socket = "vpnm-top-" + ProcessHandle.current().pid();
  Path tmux;

  @AfterEach
  void killTmux() throws Exception {
    if (tmux != null) {
      tmux("kill-server");
    }
  }

  @Test
  void showsServersAndUsersOpensACardPressesItsButtonAndQuitsWithZero() throws Exception {
    tmux = Peers.binary("tmux", "tmux");
    Path data = dir.resolve("data");
    Cli cli = new Cli(data);
    assertEquals(0, cli.run("users", "add", "alice", "--protocol", "vless", "--limit", "50GB").code());
    assertEquals(0, cli.run("users", "add", "bob", "--protocol", "shadowsocks").code());
    Path exit = dir.resolve("exit");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cmd = "env VPN_DATA_DIR='" + data + "' VPN_PUBLIC_HOST=vpn.example.test VPN_DOCKER_HOST=unix:///nonexistent.sock"
        + " '" + java + "' -cp '" + System.getProperty("java.class.path") + "' dev.vpnmanager.Main top --interval 1s"
        + "; echo \"exit=$?\" > '" + exit + "'; sleep 60";
    tmux("new-session", "-d", "-s", "top", "-x", "150", "-y", "40", cmd);

    String screen = waitFor(s -> s.contains("alice") && s.contains("bob") && s.contains("SERVERS"), "the dashboard");
    assertTrue(screen.contains("VPN Manager top"), screen);
    assertTrue(screen.contains("vless") && screen.contains("shadowsocks"), "both servers listed: " + screen);
    assertTrue(screen.contains("online now 0"), screen);

    tmux("send-keys", "-t", "top", "Enter");
    screen = waitFor(s -> s.contains("[ ") && s.contains("Suspend"), "alice's card");
    assertTrue(screen.contains("alice") && screen.contains("Status: active"), screen);

    tmux("send-keys", "-t", "top", "Enter"); // the first button: Suspend
    screen = waitFor(s -> s.contains("Status: suspended"), "the card after Suspend");
    assertTrue(screen.contains("Resume"), screen);

    tmux("send-keys", "-t", "top", "Escape");
    screen = waitFor(s -> s.contains("SERVERS") && s.contains("suspended"), "the dashboard again");

    tmux("send-keys", "-t", "top", "q");
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.exists(exit) || Files.readString(exit).isBlank()) {
      if (System.nanoTime() > until) {
        fail("top did not quit on q; screen:\n" + capture());
      }
      Thread.sleep(100);
    }
    assertEquals("exit=0", Files.readString(exit).strip());
    String after = capture();
    assertFalse(after.contains("SERVERS"), "the screen is given back: " + after);
  }

  @Test
  void withoutATerminalItSaysSoInOneLineAndExitsTwo() {
    Cli.Result r = new Cli(dir.resolve("data")).run("top");
    assertEquals(2, r.code(), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains("terminal"), r.err());
    assertEquals("", r.out());
  }

  private String waitFor(Predicate<String> ready, String what) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String s = "";
    while (System.nanoTime() < until) {
      s = capture();
      if (ready.test(s)) {
        return s;
      }
      Thread.sleep(200);
    }
    fail("no " + what + " on screen within 60 s:\n" + s);
    return s;
  }

  private String capture() throws Exception {
    return tmux("capture-pane", "-p", "-t", "top");
  }

  private String tmux(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(tmux.toString(), "-L", socket));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(20, TimeUnit.SECONDS);
    return out;
  }
}
