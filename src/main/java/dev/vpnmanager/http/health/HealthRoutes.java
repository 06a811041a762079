package dev.vpnmanager.http.health;

import dev.vpnmanager.config.Json;
import dev.vpnmanager.http.HttpRoutes;
import io.javalin.router.JavalinDefaultRouting;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;

/** GET /healthz: the process answers. GET /readyz: 200 when every part is ready, else 503 naming the parts. */
public final class HealthRoutes implements HttpRoutes {
  private final Readiness readiness;

  @Inject
  HealthRoutes(Readiness readiness) {
    this.readiness = readiness;
  }

  @Override
  public void addTo(JavalinDefaultRouting routes) {
    routes.get("/healthz", ctx -> ctx.contentType("application/json").result("{\"status\":\"alive\"}\n"));
    routes.get("/readyz", ctx -> {
      Map<String, String> parts = readiness.check();
      List<String> failing = parts.entrySet().stream().filter(e -> !Readiness.OK.equals(e.getValue()))
          .map(Map.Entry::getKey).toList();
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", failing.isEmpty() ? "ready" : "not ready");
      body.put("failing", failing);
      body.put("checks", parts);
      ctx.status(failing.isEmpty() ? 200 : 503).header("Cache-Control", "no-store")
          .contentType("application/json").result(Json.MAPPER.writeValueAsString(body) + "\n");
    });
  }
}
