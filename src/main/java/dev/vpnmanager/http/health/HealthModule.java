package dev.vpnmanager.http.health;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import dev.vpnmanager.http.HttpRoutes;

/** /healthz and /readyz on the HTTP server. */
@Module
public interface HealthModule {
  @Binds
  @IntoSet
  HttpRoutes health(HealthRoutes routes);
}
