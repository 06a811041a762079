package dev.vpnmanager.http.metrics;

import dev.vpnmanager.chat.ChatTransport;
import dev.vpnmanager.scheduling.JobStats;
import io.ebean.Database;
import io.ebean.SqlRow;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Set;
import javax.inject.Provider;

/**
 * The daemon's metrics, read when Prometheus scrapes: users by status and protocol, traffic per server, job
 * runs, failures and durations, outbox depth per chat transport, and the JVM's own.
 */
final class VpnMetrics {
  private VpnMetrics() {}

  static PrometheusRegistry registry(Database db, JobStats jobs, Provider<Set<ChatTransport>> transports) {
    PrometheusRegistry r = new PrometheusRegistry();
    GaugeWithCallback.builder().name("vpn_users").help("Users by status and protocol")
        .labelNames("status", "protocol")
        .callback(cb -> {
          for (SqlRow row : db.sqlQuery("select status, protocol, count(*) as n from vpn_user group by status, protocol")
              .findList()) {
            cb.call(row.getLong("n"), row.getString("status").toLowerCase(java.util.Locale.ROOT),
                row.getString("protocol"));
          }
        }).register(r);
    GaugeWithCallback.builder().name("vpn_server_used_bytes")
        .help("Traffic counted against the quotas of each server's users (falls when quotas reset)")
        .labelNames("server")
        .callback(cb -> {
          for (SqlRow row : db.sqlQuery("select s.name as name, coalesce(sum(g.used_bytes), 0) as b from vpn_server s "
              + "left join vpn_user u on u.server_id = s.id left join user_usage g on g.user_id = u.id"
              + " group by s.name").findList()) {
            cb.call(row.getLong("b"), row.getString("name"));
          }
        }).register(r);
    CounterWithCallback.builder().name("vpn_job_runs").help("Scheduled job runs since start").labelNames("job")
        .callback(cb -> jobs.snapshot().forEach((job, f) -> cb.call(f.runs(), job))).register(r);
    CounterWithCallback.builder().name("vpn_job_failures").help("Scheduled job runs that failed").labelNames("job")
        .callback(cb -> jobs.snapshot().forEach((job, f) -> cb.call(f.failures(), job))).register(r);
    CounterWithCallback.builder().name("vpn_job_duration_seconds").help("Time spent in each job since start")
        .labelNames("job").callback(cb -> jobs.snapshot().forEach((job, f) -> cb.call(f.seconds(), job))).register(r);
    GaugeWithCallback.builder().name("vpn_job_last_duration_seconds").help("Duration of each job's last run")
        .labelNames("job").callback(cb -> jobs.snapshot().forEach((job, f) -> cb.call(f.lastSeconds(), job)))
        .register(r);
    GaugeWithCallback.builder().name("vpn_outbox_depth").help("Chat messages waiting in each transport's outbox")
        .labelNames("transport")
        .callback(cb -> transports.get().forEach(t -> cb.call(t.outboxDepth(), t.platform().code()))).register(r);
    GaugeWithCallback.builder().name("vpn_chat_connected").help("1 when the chat transport is connected")
        .labelNames("transport")
        .callback(cb -> transports.get().forEach(t -> cb.call(t.connected() ? 1 : 0, t.platform().code())))
        .register(r);
    JvmMetrics.builder().register(r);
    return r;
  }
}
