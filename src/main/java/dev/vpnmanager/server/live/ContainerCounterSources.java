package dev.vpnmanager.server.live;

import dev.vpnmanager.traffic.CounterSink;
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

    /** The server's users (with their credentials) are read only if the protocol's counters need them. */
    @Override
    public void read(CounterSink into) throws IOException {
      try {
        counters.readInto(target.spec(), () -> servers.users(target.name(), false), into);
      } catch (RuntimeException e) {
        throw new IOException("counters of server " + target.name() + ": " + e.getMessage(), e);
      }
    }

    @Override
    public Map<String, Long> read() throws IOException {
      Map<String, Long> out = new HashMap<>();
      read(new CounterSink() {
        @Override
        public void add(String name, long bytes) {
          out.merge(name, bytes, Long::sum);
        }

        @Override
        public void add(byte[] utf8, int from, int to, long bytes) {
          add(new String(utf8, from, to - from, java.nio.charset.StandardCharsets.UTF_8), bytes);
        }
      });
      return out;
    }
  }
}
