package dev.vpnmanager.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.audit.AuditLog;
import dev.vpnmanager.audit.Channel;
import dev.vpnmanager.common.Expiry;
import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.common.Sizes;
import dev.vpnmanager.config.Json;
import dev.vpnmanager.delivery.ConfigDelivery;
import dev.vpnmanager.http.sub.SubscriptionTokens;
import dev.vpnmanager.delivery.UserConfig;
import dev.vpnmanager.domain.ApiToken;
import dev.vpnmanager.domain.UserStatus;
import dev.vpnmanager.http.HttpRoutes;
import dev.vpnmanager.server.ServerService;
import dev.vpnmanager.server.runtime.ServerContainers;
import dev.vpnmanager.server.runtime.ServerStatuses;
import dev.vpnmanager.server.runtime.ServerStatus;
import dev.vpnmanager.user.NewUser;
import dev.vpnmanager.user.UserPage;
import dev.vpnmanager.user.UserQueries;
import dev.vpnmanager.user.UserRecord;
import dev.vpnmanager.user.UserService;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.router.JavalinDefaultRouting;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The admin API under /api/v1: bearer tokens ({@code api-tokens create}), read-only tokens may only GET, a
 * per-token rate limit, the services the CLI uses (so the same validation and messages), every change
 * audited with channel {@code api} and the token's name. Its OpenAPI document is /api/v1/openapi.json.
 */
final class ApiRoutes implements HttpRoutes {
  /** Every operation, as the OpenAPI document lists them; ApiContractTest keeps the two equal. */
  static final List<String> OPERATIONS = List.of(
      "GET /api/v1/users", "POST /api/v1/users", "GET /api/v1/users/{name}", "DELETE /api/v1/users/{name}",
      "POST /api/v1/users/{name}/suspend", "POST /api/v1/users/{name}/resume", "POST /api/v1/users/{name}/renew",
      "POST /api/v1/users/{name}/reset-traffic", "POST /api/v1/users/{name}/rotate",
      "POST /api/v1/users/{name}/sub-rotate", "GET /api/v1/users/{name}/config",
      "GET /api/v1/servers", "GET /api/v1/servers/{name}", "POST /api/v1/servers/{name}/start",
      "POST /api/v1/servers/{name}/stop", "POST /api/v1/servers/{name}/restart", "GET /api/v1/audit");
  private static final String TOKEN = "api.token";
  private final ApiTokens tokens;
  private final RateLimiter limiter;
  private final UserService users;
  private final UserQueries queries;
  private final ConfigDelivery configs;
  private final SubscriptionTokens subscriptions;
  private final ServerService servers;
  private final ServerContainers containers;
  private final ServerStatuses statuses;
  private final AuditLog audit;
  private final Clock clock;
  private final byte[] openApi;

  ApiRoutes(ApiTokens tokens, RateLimiter limiter, UserService users, UserQueries queries, ConfigDelivery configs,
            SubscriptionTokens subscriptions, ServerService servers, ServerContainers containers,
            ServerStatuses statuses, AuditLog audit, Clock clock) {
    this.tokens = tokens;
    this.limiter = limiter;
    this.users = users;
    this.queries = queries;
    this.configs = configs;
    this.subscriptions = subscriptions;
    this.servers = servers;
    this.containers = containers;
    this.statuses = statuses;
    this.audit = audit;
    this.clock = clock;
    try (InputStream in = ApiRoutes.class.getResourceAsStream("openapi.json")) {
      this.openApi = in.readAllBytes();
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("openapi.json missing from the build", e);
    }
  }

  @Override
  public void addTo(JavalinDefaultRouting r) {
    r.get("/api/v1/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
    r.get("/api/v1/users", api(this::listUsers));
    r.post("/api/v1/users", api(this::createUser));
    r.get("/api/v1/users/{name}", api(ctx -> user(ctx, users.show(ctx.pathParam("name")))));
    r.delete("/api/v1/users/{name}", api(ctx -> {
      users.delete(actor(ctx), ctx.pathParam("name"));
      ctx.status(204);
    }));
    r.post("/api/v1/users/{name}/suspend", api(ctx -> user(ctx,
        users.suspend(actor(ctx), ctx.pathParam("name"), text(body(ctx), "reason", 1000)))));
    r.post("/api/v1/users/{name}/resume", api(ctx -> user(ctx, users.resume(actor(ctx), ctx.pathParam("name")))));
    r.post("/api/v1/users/{name}/renew", api(ctx -> {
      JsonNode b = body(ctx);
      int days = integer(b, "days", 0);
      String add = text(b, "addTraffic", 32);
      user(ctx, users.renew(actor(ctx), ctx.pathParam("name"), days, add == null ? 0 : Sizes.parse(add)));
    }));
    r.post("/api/v1/users/{name}/reset-traffic", api(ctx -> user(ctx,
        users.resetTraffic(actor(ctx), ctx.pathParam("name")))));
    r.post("/api/v1/users/{name}/rotate", api(ctx -> user(ctx, users.rotate(actor(ctx), ctx.pathParam("name")))));
    r.post("/api/v1/users/{name}/sub-rotate", api(ctx -> json(ctx, 200, Map.of("subscriptionUrl",
        subscriptions.rotate(actor(ctx), ctx.pathParam("name"))))));
    r.get("/api/v1/users/{name}/config", api(this::config));
    r.get("/api/v1/servers", api(ctx -> json(ctx, 200, Map.of("items", servers.list()))));
    r.get("/api/v1/servers/{name}", api(ctx -> server(ctx, statuses.status(ctx.pathParam("name")))));
    r.post("/api/v1/servers/{name}/start", api(ctx -> server(ctx, containers.start(actor(ctx), ctx.pathParam("name")))));
    r.post("/api/v1/servers/{name}/stop", api(ctx -> server(ctx, containers.stop(actor(ctx), ctx.pathParam("name")))));
    r.post("/api/v1/servers/{name}/restart", api(ctx -> server(ctx,
        containers.restart(actor(ctx), ctx.pathParam("name")))));
    r.get("/api/v1/audit", api(this::auditList));
  }

  /** Authentication, read-only check and rate limit, then the handler with its errors mapped. */
  private Handler api(Handler h) {
    return ctx -> {
      String auth = ctx.header("Authorization");
      Optional<ApiToken> t = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)
          ? tokens.authenticate(auth.substring(7).trim()) : Optional.empty();
      if (t.isEmpty()) {
        ctx.header("WWW-Authenticate", "Bearer");
        ApiError.send(ctx, 401, "a valid bearer token is required (vpn-manager api-tokens create NAME)");
        return;
      }
      if (!limiter.allow(t.get().getName())) {
        ctx.header("Retry-After", "60");
        ApiError.send(ctx, 429, "too many requests for this token; try again in a minute");
        return;
      }
      if (t.get().isReadOnly() && !"GET".equals(ctx.method().name())) {
        ApiError.send(ctx, 403, "this token is read-only");
        return;
      }
      ctx.attribute(TOKEN, t.get().getName());
      try {
        h.handle(ctx);
      } catch (RuntimeException e) {
        ApiError.from(ctx, e);
      }
      if ("GET".equals(ctx.method().name())) {
        // a change audits itself in its own transaction; a read is audited here, so every call leaves a line
        audit.record(actor(ctx), "api.read", ctx.endpointHandlerPath(), ctx.statusCode() + " " + ctx.path());
      }
    };
  }

  private static Actor actor(Context ctx) {
    return new Actor(Channel.API, ctx.attribute(TOKEN));
  }

  private void listUsers(Context ctx) {
    String status = ctx.queryParam("status");
    UserStatus s = status == null || status.isEmpty() ? null : UserStatus.parse(status);
    int page = intParam(ctx, "page", 0, 0, 1_000_000);
    int size = intParam(ctx, "size", 50, 1, 500);
    String search = ctx.queryParam("search");
    if (search != null && search.length() > 32) {
      throw new InvalidInputException("search is at most 32 characters");
    }
    UserPage p = queries.page(s, search, page, size);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("items", p.users().stream().map(this::withUrl).toList());
    out.put("page", p.page());
    out.put("size", p.pageSize());
    out.put("total", p.total());
    json(ctx, 200, out);
  }

  private void createUser(Context ctx) {
    JsonNode b = body(ctx);
    String name = text(b, "username", 64);
    String protocol = text(b, "protocol", 32);
    if (name == null || protocol == null) {
      throw new InvalidInputException("username and protocol are required");
    }
    String limit = text(b, "limit", 32);
    String expires = text(b, "expires", 64);
    UserRecord u = users.add(actor(ctx), new NewUser(name, protocol.toLowerCase(Locale.ROOT), text(b, "server", 64),
        limit == null ? 0 : Sizes.parse(limit), expires == null ? null : Expiry.parse(expires, clock).orElse(null),
        text(b, "email", 254), text(b, "note", 1000)));
    json(ctx, 201, withUrl(u.withoutCredentials()));
  }

  private void config(Context ctx) {
    UserConfig c = configs.configFor(ctx.pathParam("name"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("username", c.username());
    out.put("protocol", c.protocol());
    out.put("link", c.link());
    out.put("fileName", c.fileName());
    out.put("file", new String(c.file(), StandardCharsets.UTF_8));
    out.put("subscriptionUrl", subscriptions.urlFor(c.username()));
    json(ctx, 200, out);
  }

  private void auditList(Context ctx) {
    int limit = intParam(ctx, "limit", 50, 1, 1000);
    json(ctx, 200, Map.of("items", audit.recent(limit).stream().map(e -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("at", e.getAt());
      m.put("channel", e.getChannel());
      m.put("actor", e.getActor());
      m.put("action", e.getAction());
      m.put("target", e.getTarget());
      m.put("detail", e.getDetail());
      return m;
    }).toList()));
  }

  private ObjectNode withUrl(UserRecord u) {
    ObjectNode n = Json.MAPPER.valueToTree(u.withoutCredentials());
    n.remove("credentials");
    n.put("subscriptionUrl", subscriptions.urlFor(u.username()));
    return n;
  }

  private void user(Context ctx, UserRecord u) {
    json(ctx, 200, withUrl(u));
  }

  private static void server(Context ctx, ServerStatus s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", s.name());
    m.put("protocol", s.protocol());
    m.put("host", s.host());
    m.put("port", s.port());
    m.put("deployed", s.deployed());
    m.put("running", s.container().map(c -> c.running()).orElse(false));
    m.put("state", s.summary());
    json(ctx, 200, m);
  }

  private static void json(Context ctx, int status, Object body) {
    try {
      ctx.status(status).contentType("application/json").result(Json.MAPPER.writeValueAsString(body) + "\n");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The request's JSON object; an empty body is an empty object. */
  private static JsonNode body(Context ctx) {
    String raw = ctx.body();
    if (raw.isBlank()) {
      return Json.MAPPER.createObjectNode();
    }
    JsonNode n;
    try {
      n = Json.MAPPER.readTree(raw);
    } catch (IOException e) {
      throw new InvalidInputException("the request body is not valid JSON");
    }
    if (n == null || !n.isObject()) {
      throw new InvalidInputException("the request body must be a JSON object");
    }
    return n;
  }

  private static String text(JsonNode b, String field, int max) {
    JsonNode v = b.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new InvalidInputException(field + " must be a string");
    }
    if (v.asText().length() > max) {
      throw new InvalidInputException(field + " is longer than " + max + " characters");
    }
    return v.asText();
  }

  private static int integer(JsonNode b, String field, int def) {
    JsonNode v = b.get(field);
    if (v == null || v.isNull()) {
      return def;
    }
    if (!v.canConvertToInt() || !v.isIntegralNumber()) {
      throw new InvalidInputException(field + " must be a whole number");
    }
    return v.asInt();
  }

  private static int intParam(Context ctx, String name, int def, int min, int max) {
    String v = ctx.queryParam(name);
    if (v == null || v.isEmpty()) {
      return def;
    }
    try {
      int n = Integer.parseInt(v);
      if (n < min || n > max) {
        throw new InvalidInputException(name + " must be between " + min + " and " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new InvalidInputException(name + " must be a whole number");
    }
  }
}
