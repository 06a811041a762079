package dev.vpnmanager.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.CpuStatsConfig;
import com.github.dockerjava.api.model.MemoryStatsConfig;
import com.github.dockerjava.api.model.Statistics;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** One stats sample (the engine's no-stream answer carries the previous CPU sample too), as percentages. */
final class StatsReader {
  private StatsReader() {}

  static ContainerStats read(DockerClient client, String id) throws InterruptedException {
    AtomicReference<Statistics> got = new AtomicReference<>();
    var callback = client.statsCmd(id).withNoStream(true).exec(new ResultCallback.Adapter<Statistics>() {
      @Override
      public void onNext(Statistics s) {
        got.compareAndSet(null, s);
      }
    });
    callback.awaitCompletion(5, TimeUnit.SECONDS);
    Statistics s = got.get();
    return s == null ? new ContainerStats(0, 0) : new ContainerStats(cpu(s), memory(s.getMemoryStats()));
  }

  private static double cpu(Statistics s) {
    CpuStatsConfig now = s.getCpuStats();
    CpuStatsConfig before = s.getPreCpuStats();
    if (now == null || before == null || now.getCpuUsage() == null || before.getCpuUsage() == null
        || now.getSystemCpuUsage() == null || before.getSystemCpuUsage() == null) {
      return 0;
    }
    double cpu = now.getCpuUsage().getTotalUsage() - before.getCpuUsage().getTotalUsage();
    double system = now.getSystemCpuUsage() - before.getSystemCpuUsage();
    long cpus = now.getOnlineCpus() == null ? 1 : now.getOnlineCpus();
    return cpu > 0 && system > 0 ? cpu / system * cpus * 100.0 : 0;
  }

  private static double memory(MemoryStatsConfig m) {
    if (m == null || m.getUsage() == null || m.getLimit() == null || m.getLimit() == 0) {
      return 0;
    }
    return m.getUsage() * 100.0 / m.getLimit();
  }
}
