package dev.vpnmanager.server.wireguard;

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
 * Per-peer bytes from the UAPI {@code get=1} (or {@code wg show wg0 transfer}, see {@link WgSockets}), mapped back to
 * users by public key. The server receives what the client uploads: received = uplink, sent = downlink. A peer removed
 * live keeps its last count (see {@link FinalCounts}, as a downlink sum) until it is added again, when it starts at 0.
 */
@Singleton
public final class WireguardCounters implements TrafficCounters {
  private final WgSockets sockets;
  private final FinalCounts finals;

  @Inject
  public WireguardCounters(WgSockets sockets, FinalCounts finals) {
    this.sockets = sockets;
    this.finals = finals;
  }

  @Override
  public List<TrafficSample> read(ServerSpec server, List<UserSpec> users) {
    Map<String, long[]> transfer = sockets.control(server).transfer();
    List<TrafficSample> out = new ArrayList<>();
    for (UserSpec u : users) {
      long[] t = transfer.get(u.credentials().get("publicKey"));
      Long last = t == null ? finals.last(server.name(), u.username()) : null;
      if (t != null) {
        out.add(new TrafficSample(u.username(), t[0], t[1]));
      } else if (last != null) {
        out.add(new TrafficSample(u.username(), 0, last));
      }
    }
    return out;
  }
}
