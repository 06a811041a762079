package dev.vpnmanager.http.metrics;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import dev.vpnmanager.http.HttpRoutes;

/** /metrics on the HTTP server. */
@Module
public interface MetricsModule {
  @Binds
  @IntoSet
  HttpRoutes metrics(MetricsRoutes routes);
}
