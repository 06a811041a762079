package dev.vpnmanager.chat.telegram;

import dev.vpnmanager.config.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Consumer;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Webhook mode: a small HTTP endpoint (behind a reverse proxy) that accepts Telegram's POSTed updates when
 * they carry the secret token set with setWebhook, answers 200 at once and hands the update on.
 */
final class WebhookReceiver implements AutoCloseable {
  private final ObjectMapper json = Json.MAPPER;
  private final HttpServer server;
  private final byte[] secret;

  WebhookReceiver(String listen, String publicUrl, String secret, Consumer<Update> sink) throws IOException {
    int colon = listen.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("telegram.webhook-listen must be host:port, not " + listen);
    }
    String host = listen.substring(0, colon);
    int port = Integer.parseInt(listen.substring(colon + 1));
    String path = URI.create(publicUrl).getPath();
    this.secret = secret.getBytes(StandardCharsets.US_ASCII);
    this.server = HttpServer.create(new InetSocketAddress(host, port), 64);
    server.createContext(path == null || path.isEmpty() ? "/" : path, ex -> handle(ex, sink));
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange ex, Consumer<Update> sink) throws IOException {
    try (ex) {
      String given = ex.getRequestHeaders().getFirst("X-Telegram-Bot-Api-Secret-Token");
      if (!"POST".equals(ex.getRequestMethod()) || given == null
          || !MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.US_ASCII))) {
        ex.sendResponseHeaders(403, -1);
        return;
      }
      Update u;
      try {
        u = json.readValue(ex.getRequestBody().readNBytes(1 << 20), Update.class);
      } catch (IOException e) {
        ex.sendResponseHeaders(400, -1);
        return;
      }
      ex.sendResponseHeaders(200, -1);
      sink.accept(u);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
