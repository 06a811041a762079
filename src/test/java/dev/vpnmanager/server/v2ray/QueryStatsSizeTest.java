package dev.vpnmanager.server.v2ray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.testing.StatsStandIn;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** QueryStats of 60,000 users (a 4.7 MB answer, over gRPC's default 4 MiB limit) reads every counter. */
class QueryStatsSizeTest {
  @Test
  void readsAnAnswerLargerThanTheDefaultGrpcLimit() throws Exception {
    try (StatsStandIn core = new StatsStandIn(60_000); XrayApis apis = new XrayApis()) {
      Map<String, Long> stats = apis.of("127.0.0.1", core.port(), "v2ray").queryStats("user>>>");
      assertEquals(120_000, stats.size());
      assertEquals(1_000L + 59_999, stats.get("user>>>u59999>>>traffic>>>uplink"));
      assertTrue(stats.containsKey("user>>>u0>>>traffic>>>downlink"));
    }
  }
}
