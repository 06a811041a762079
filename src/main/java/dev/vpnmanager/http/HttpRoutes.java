package dev.vpnmanager.http;

import io.javalin.router.JavalinDefaultRouting;

/** A feature's endpoints on the one HTTP server; contributed to a Dagger set with {@code @IntoSet}. */
public interface HttpRoutes {
  void addTo(JavalinDefaultRouting routes);
}
