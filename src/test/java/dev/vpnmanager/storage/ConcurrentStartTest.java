package dev.vpnmanager.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vpnmanager.testing.ChildJvm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/** Several processes opening a brand-new database at the same moment: every one of them succeeds. */
class ConcurrentStartTest {
  @TempDir Path dir;

  @RepeatedTest(3)
  void processesStartingTogetherOnAFreshFileAllSucceed() throws Exception {
    List<Process> ps = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ps.add(ChildJvm.builder(dir, "users", "add", "starter" + i, "--protocol", "vless").start());
    }
    for (Process p : ps) {
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(120, TimeUnit.SECONDS);
      assertEquals(0, p.exitValue(), err);
    }
    String list = ChildJvm.run(dir, "", "users", "list", "--format", "plain").out();
    assertEquals(4, list.lines().count(), list);
  }
}
