package dev.vpnmanager.http.metrics;

import dev.vpnmanager.chat.ChatTransport;
import dev.vpnmanager.http.HttpRoutes;
import dev.vpnmanager.http.HttpSettings;
import dev.vpnmanager.http.PlainErrors;
import dev.vpnmanager.scheduling.JobStats;
import io.ebean.Database;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Provider;
import javax.inject.Singleton;

/**
 * GET /metrics in the Prometheus text format; with http.metrics-token set, only with that bearer token. The
 * registry is built at the first scrape: a daemon nobody scrapes never loads the JVM metrics' management and
 * flight-recorder classes (a few MB of class metadata, BENCHMARKS.md, daemon resident memory).
 */
@Singleton
public final class MetricsRoutes implements HttpRoutes {
  private final Database db;
  private final JobStats jobs;
  private final Provider<Set<ChatTransport>> transports;
  private volatile PrometheusRegistry registry;
  private final PrometheusTextFormatWriter writer = new PrometheusTextFormatWriter(false);
  private final byte[] token;

  @Inject
  MetricsRoutes(Database db, JobStats jobs, Provider<Set<ChatTransport>> transports, HttpSettings http) {
    this.db = db;
    this.jobs = jobs;
    this.transports = transports;
    this.token = http.metricsToken() == null || http.metricsToken().isBlank() ? null
        : ("Bearer " + http.metricsToken().trim()).getBytes(StandardCharsets.UTF_8);
  }

  /** True once the first scrape built the registry. */
  boolean built() {
    return registry != null;
  }

  private PrometheusRegistry registry() {
    PrometheusRegistry r = registry;
    if (r == null) {
      synchronized (this) {
        r = registry;
        if (r == null) {
          r = VpnMetrics.registry(db, jobs, transports);
          registry = r;
        }
      }
    }
    return r;
  }

  @Override
  public void addTo(JavalinDefaultRouting routes) {
    routes.get("/metrics", this::scrape);
  }

  private void scrape(Context ctx) throws java.io.IOException {
    if (token != null) {
      String given = ctx.header("Authorization");
      if (given == null || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
        ctx.header("WWW-Authenticate", "Bearer");
        PlainErrors.send(ctx, 401);
        return;
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(16_384);
    writer.write(out, registry().scrape());
    ctx.header("Cache-Control", "no-store").contentType(PrometheusTextFormatWriter.CONTENT_TYPE)
        .result(out.toByteArray());
  }
}
