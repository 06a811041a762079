package dev.vpnmanager.server.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.alert.ServerHealth;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The health source over a real container: running with CPU and memory, stopped, gone. */
class HealthLiveTest {
  @TempDir Path dir;
  LiveFixture f;

  @BeforeEach
  void setUp() throws Exception {
    f = new LiveFixture(dir, Clock.systemUTC(), Map.of());
  }

  @AfterEach
  void tearDown() {
    if (f != null) {
      f.close();
    }
  }

  @Test
  void reportsStateCpuAndMemoryOfDeployedServers() throws Exception {
    String server = f.install("http");
    ContainerHealthSource source = new ContainerHealthSource(new LiveServers(f.app.database(), f.rt), f.rt);
    ServerHealth up = only(source.poll());
    assertEquals(server, up.serverName());
    assertEquals(ServerHealth.State.RUNNING, up.state());
    assertTrue(up.memoryPercent() > 0 && up.memoryPercent() < 100, "memory " + up.memoryPercent());
    assertTrue(up.cpuPercent() >= 0, "cpu " + up.cpuPercent());

    String id = f.containerId(server);
    f.rt.stop(id, Duration.ofSeconds(2));
    assertEquals(ServerHealth.State.STOPPED, only(source.poll()).state());
    f.rt.remove(id);
    assertEquals(ServerHealth.State.MISSING, only(source.poll()).state());
  }

  private static ServerHealth only(List<ServerHealth> list) {
    assertEquals(1, list.size(), list.toString());
    return list.get(0);
  }
}
