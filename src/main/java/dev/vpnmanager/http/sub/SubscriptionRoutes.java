package dev.vpnmanager.http.sub;

import dev.vpnmanager.http.HttpRoutes;
import dev.vpnmanager.http.PlainErrors;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.util.Map;
import java.util.Optional;

/**
 * GET /sub/{token}: a browser (Accept: text/html, no ?format) gets the user page; an app gets its format.
 * Anything that is not a live token is a plain 404, the same for a malformed, unknown or rotated one.
 */
final class SubscriptionRoutes implements HttpRoutes {
  private final Subscriptions subscriptions;
  private final SubscriptionPage page;

  SubscriptionRoutes(Subscriptions subscriptions, SubscriptionPage page) {
    this.subscriptions = subscriptions;
    this.page = page;
  }

  @Override
  public void addTo(JavalinDefaultRouting routes) {
    routes.get("/sub/{token}", this::handle);
  }

  private void handle(Context ctx) {
    Optional<Subscription> found = subscriptions.find(ctx.pathParam("token"));
    if (found.isEmpty()) {
      PlainErrors.send(ctx, 404);
      return;
    }
    Subscription s = found.get();
    String asked = ctx.queryParam("format");
    if (asked == null && wantsHtml(ctx.header("Accept"))) {
      ctx.header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer")
          .header("X-Content-Type-Options", "nosniff")
          .header("Content-Security-Policy", "default-src 'none'; img-src data:; style-src 'unsafe-inline'")
          .contentType("text/html; charset=utf-8")
          .result(page.render(s, ctx.header("Accept-Language")));
      return;
    }
    Format f;
    if (asked != null) {
      Optional<Format> parsed = Format.parse(asked);
      if (parsed.isEmpty()) {
        ctx.status(400).contentType("text/plain; charset=utf-8")
            .result("unknown format: use base64, singbox, clash, outline, wireguard or links\n");
        return;
      }
      f = parsed.get();
    } else {
      f = Format.forAgent(ctx.userAgent(), s.protocol());
    }
    Optional<String> body = subscriptions.body(s, f);
    if (body.isEmpty()) {
      ctx.status(s.usable() ? 400 : 403).contentType("text/plain; charset=utf-8")
          .result(s.usable() ? "format " + f.code + " does not fit a " + s.protocol() + " subscription\n"
              : subscriptions.profileTitle(s) + "\n");
      return;
    }
    for (Map.Entry<String, String> h : subscriptions.headers(s, f).entrySet()) {
      ctx.header(h.getKey(), h.getValue());
    }
    ctx.header("X-Content-Type-Options", "nosniff").contentType(f.contentType).result(body.get());
  }

  static boolean wantsHtml(String accept) {
    return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/html");
  }
}
