package dev.vpnmanager.chat.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vpnmanager.config.Json;
import dev.vpnmanager.http.HttpRoutes;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Consumer;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Webhook mode on the one HTTP server: POSTs to the webhook URL's path are accepted only when they carry the
 * secret token set with setWebhook (compared in constant time); the answer is 200 at once and the update is
 * handed on. Until the transport has armed it with a secret, every POST is refused with 403.
 */
final class WebhookReceiver implements HttpRoutes {
  private final ObjectMapper json = Json.MAPPER;
  private final String path;
  private volatile byte[] secret;
  private volatile Consumer<Update> sink;

  WebhookReceiver(String publicUrl) {
    String p = publicUrl == null || publicUrl.isBlank() ? null : URI.create(publicUrl).getPath();
    this.path = p == null || p.isEmpty() ? "/" : p;
  }

  void arm(String secret, Consumer<Update> sink) {
    this.sink = sink;
    this.secret = secret.getBytes(StandardCharsets.US_ASCII);
  }

  void disarm() {
    secret = null;
    sink = null;
  }

  @Override
  public void addTo(JavalinDefaultRouting routes) {
    routes.post(path, this::handle);
  }

  private void handle(Context ctx) {
    byte[] expected = secret;
    Consumer<Update> to = sink;
    String given = ctx.header("X-Telegram-Bot-Api-Secret-Token");
    if (expected == null || to == null || given == null
        || !MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.US_ASCII))) {
      ctx.status(403);
      return;
    }
    Update u;
    try {
      u = json.readValue(ctx.bodyAsBytes(), Update.class);
    } catch (IOException e) {
      ctx.status(400);
      return;
    }
    ctx.status(200);
    to.accept(u);
  }
}
