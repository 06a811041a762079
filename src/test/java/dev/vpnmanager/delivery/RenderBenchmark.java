package dev.vpnmanager.delivery;

import dev.vpnmanager.protocol.Fixtures;
import dev.vpnmanager.protocol.ProtocolDriver;
import dev.vpnmanager.protocol.ServerSpec;
import dev.vpnmanager.protocol.UserSpec;
import dev.vpnmanager.protocol.proxy.ProxyDriver;
import dev.vpnmanager.protocol.shadowsocks.ShadowsocksDriver;
import dev.vpnmanager.protocol.vless.SniProbe;
import dev.vpnmanager.protocol.vless.VlessDriver;
import dev.vpnmanager.protocol.wireguard.WireguardDriver;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * On-demand benchmark (not a unit test): QR PNG encode of a VLESS+Reality link (target p50 <= 5 ms) and a
 * server config for 10,000 users (target <= 200 ms). Run:
 * {@code mvn -q test-compile && java -cp target/test-classes:target/classes:$(cat cp.txt) RenderBenchmark}
 */
public final class RenderBenchmark {
  private RenderBenchmark() {}

  public static void main(String[] args) {
    VlessDriver vless = new VlessDriver(new SniProbe());
    ServerSpec s = Fixtures.server(vless, "vpn.example.com", 443, Map.of());
    UserSpec alice = Fixtures.users(vless, s, "alice").get(0);
    String link = vless.clientConfig(s, alice).link();
    System.out.printf("QR PNG of a %d-char VLESS link: %s%n", link.length(),
        stats(time(500, 2000, () -> QrCodes.png(link))));
    String wg = new WireguardDriver().clientConfig(Fixtures.server(new WireguardDriver(), "vpn.example.com", 51820,
        Map.of()), Fixtures.users(new WireguardDriver(), Fixtures.server(new WireguardDriver(), "vpn.example.com",
        51820, Map.of()), "bob").get(0)).link();
    System.out.printf("QR PNG of a %d-char WireGuard .conf: %s%n", wg.length(),
        stats(time(200, 1000, () -> QrCodes.png(wg))));
    for (ProtocolDriver d : List.of(vless, new ShadowsocksDriver(), new WireguardDriver(), ProxyDriver.socks())) {
      int port = d instanceof WireguardDriver ? 51820 : 20000;
      ServerSpec server = Fixtures.server(d, "vpn.example.com", port,
          d instanceof WireguardDriver ? Map.of("subnet", "10.8.0.0/16") : Map.of());
      List<UserSpec> users = manyUsers(d, server, 10_000);
      System.out.printf("server config, 10,000 %s users: %s%n", d.id(),
          stats(time(20, 50, () -> d.serverConfig(server, users))));
    }
  }

  static List<UserSpec> manyUsers(ProtocolDriver d, ServerSpec server, int n) {
    String[] names = new String[n];
    for (int i = 0; i < n; i++) {
      names[i] = "user" + i;
    }
    if (d instanceof ShadowsocksDriver) {
      // the default per-user range holds 1,000 ports; a benchmark server gets a wider one
      server = new ServerSpec(server.name(), server.protocol(), server.host(), server.port(),
          server.settings().with("userPorts", "20000-30999"));
    }
    return Fixtures.users(d, server, names);
  }

  static long[] time(int warmup, int runs, Supplier<?> work) {
    for (int i = 0; i < warmup; i++) {
      work.get();
    }
    long[] nanos = new long[runs];
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      work.get();
      nanos[i] = System.nanoTime() - t0;
    }
    Arrays.sort(nanos);
    return nanos;
  }

  static String stats(long[] sorted) {
    return String.format("p50 %.2f ms, p95 %.2f ms, max %.2f ms (n=%d)", sorted[sorted.length / 2] / 1e6,
        sorted[(int) (sorted.length * 0.95)] / 1e6, sorted[sorted.length - 1] / 1e6, sorted.length);
  }
}
