package dev.vpnmanager.chat.matrix;

import static dev.vpnmanager.chat.matrix.MatrixBots.ADMIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.testing.ChildJvm;
import dev.vpnmanager.testing.Cli;
import dev.vpnmanager.testing.matrix.FakeHomeserver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `serve` runs the Matrix bot when a homeserver is set, and stops it cleanly; `doctor` checks the account. */
class MatrixServeTest {
  @TempDir Path dir;

  @Test
  void serveAnswersInMatrixAndStopsOnSigterm() throws Exception {
    try (FakeHomeserver hs = new FakeHomeserver()) {
      ProcessBuilder pb = ChildJvm.builder(dir, "serve");
      env(pb, hs, FakeHomeserver.PASSWORD);
      pb.redirectError(dir.resolve("serve.err").toFile());
      Process p = pb.start();
      String room = hs.roomWithBot(ADMIN);
      long deadline = System.currentTimeMillis() + 30_000;
      while (hs.requests().stream().noneMatch(r -> r.path().endsWith("/sync") && r.status() == 200)
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      hs.say(room, ADMIN, "!vpn start");
      assertTrue(hs.awaitBotMessages(room, 1, 15_000).get(0).path("content").path("body").asText()
          .contains("Hello, admin"));
      p.toHandle().destroy();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      String err = java.nio.file.Files.readString(dir.resolve("serve.err"), StandardCharsets.UTF_8);
      assertTrue(err.contains("vpn-manager stopped"), err);
      assertFalse(err.contains(FakeHomeserver.PASSWORD) || err.contains("syt_"), "no secrets in the log: " + err);
    }
  }

  @Test
  void doctorReportsMatrixReachableOrWhatToFix() throws Exception {
    try (FakeHomeserver hs = new FakeHomeserver()) {
      ProcessBuilder ok = ChildJvm.builder(dir, "doctor");
      env(ok, hs, FakeHomeserver.PASSWORD);
      Cli.Result good = run(ok);
      assertTrue(good.out().contains("[ ok ] matrix: signed in to " + hs.url() + " as " + FakeHomeserver.BOT),
          good.out());
      ProcessBuilder bad = ChildJvm.builder(dir, "doctor");
      env(bad, hs, "wrong-password");
      Cli.Result wrong = run(bad);
      assertEquals(1, wrong.code());
      assertTrue(wrong.out().contains("[FAIL] matrix:") && wrong.out().contains("M_FORBIDDEN"), wrong.out());
      assertFalse(wrong.out().contains("wrong-password"));
    }
  }

  private static void env(ProcessBuilder pb, FakeHomeserver hs, String password) {
    pb.environment().put("VPN_MATRIX_HOMESERVER", hs.url());
    pb.environment().put("VPN_MATRIX_USER", FakeHomeserver.BOT);
    pb.environment().put("VPN_MATRIX_PASSWORD", password);
    pb.environment().put("VPN_ADMINS", "matrix:" + ADMIN);
  }

  private static Cli.Result run(ProcessBuilder pb) throws Exception {
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    return new Cli.Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }
}
