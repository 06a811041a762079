package dev.vpnmanager.server.live;

import dev.vpnmanager.protocol.UserSpec;
import dev.vpnmanager.traffic.CounterSource;
import dev.vpnmanager.traffic.CounterSources;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;

/** The counters of every running server whose protocol has {@link TrafficCounters}, read per collection cycle. */
@Singleton
public final class ContainerCounterSources implements CounterSources {
  private final LiveServers servers;
  private final Map<String, TrafficCounters> counters;

  @Inject
  public ContainerCounterSources(LiveServers servers, Map<String, TrafficCounters> counters) {
    this.servers = servers;
    this.counters = counters;
  }

  @Override
  public List<CounterSource> current() {
    List<CounterSource> out = new ArrayList<>();
    for (LiveTarget t : servers.running()) {
      TrafficCounters c = counters.get(t.protocol());
      if (c != null) {
        out.add(new Source(t, c));
      }
    }
    return out;
  }

  private final class Source implements CounterSource {
    private final LiveTarget target;
    private final TrafficCounters counters;

    Source(LiveTarget target, TrafficCounters counters) {
      this.target = target;
      this.counters = counters;
    }

    @Override
    public String serverName() {
      return target.name();
    }

    /** The container's start time: a restarted container's counters begin again at zero. */
    @Override
    public String epoch() {
      return target.container() == null || target.container().startedAt() == null ? ""
          : target.container().startedAt().toString();
    }

    @Override
    public Map<String, Long> read() throws IOException {
      List<UserSpec> users = servers.users(target.name(), false);
      Map<String, Long> out = new HashMap<>();
      try {
        for (TrafficSample s : counters.read(target.spec(), users)) {
          out.put(s.username(), s.total());
        }
      } catch (RuntimeException e) {
        throw new IOException("counters of server " + target.name() + ": " + e.getMessage(), e);
      }
      return out;
    }
  }
}
