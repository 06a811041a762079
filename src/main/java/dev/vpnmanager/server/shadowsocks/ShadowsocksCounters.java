package dev.vpnmanager.server.shadowsocks;

import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.protocol.ServerSpec;
import dev.vpnmanager.protocol.UserSpec;
import dev.vpnmanager.server.live.TrafficCounters;
import dev.vpnmanager.server.live.TrafficSample;
import dev.vpnmanager.server.runtime.FinalCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Per-port bytes from ss-manager's {@code ping} ({@code stat:}), mapped back to the user holding each port. The
 * count is sent and received together (reported as downlink); ss-server pushes it to the manager every few
 * seconds. A user removed live keeps their last count (see {@link FinalCounts}) until their port serves again.
 */
@Singleton
public final class ShadowsocksCounters implements TrafficCounters {
  private final ContainerRuntime runtime;
  private final FinalCounts removed;

  @Inject
  public ShadowsocksCounters(ContainerRuntime runtime, FinalCounts removed) {
    this.runtime = runtime;
    this.removed = removed;
  }

  @Override
  public List<TrafficSample> read(ServerSpec server, List<UserSpec> users) {
    SsServer ss = SsServer.of(server);
    Map<Integer, Long> stat;
    try (SsManager api = ss.connect(runtime)) {
      stat = api.stat();
    }
    List<TrafficSample> out = new ArrayList<>();
    for (UserSpec u : users) {
      String p = u.credentials().get("port");
      Long bytes = p != null && p.matches("\\d{1,5}") ? stat.get(Integer.parseInt(p)) : null;
      if (bytes == null) {
        bytes = removed.last(server.name(), u.username());
      }
      if (bytes != null) {
        out.add(new TrafficSample(u.username(), 0, bytes));
      }
    }
    return out;
  }
}
