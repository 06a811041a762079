package dev.vpnmanager.chat.matrix;

import dev.vpnmanager.config.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON over HTTP to a homeserver with the access token in the Authorization header (never in a URL or a
 * log line). Honours 429 M_LIMIT_EXCEEDED (waits retry_after_ms) and retries 5xx and network errors with
 * exponential backoff; the same request (and so the same transaction id) is sent again, which keeps sends
 * idempotent.
 */
final class MatrixHttp {
  private static final Logger LOG = LoggerFactory.getLogger(MatrixHttp.class);
  static final ObjectMapper JSON = Json.MAPPER;
  private final URI base;
  private final HttpClient client;
  private final Retry retry;
  private volatile String token;
  private volatile Runnable reauth;

  /** How often and how long to retry. */
  record Retry(int attempts, Duration firstBackoff, Duration maxWait) {
    static final Retry DEFAULT = new Retry(8, Duration.ofMillis(500), Duration.ofSeconds(60));
  }

  MatrixHttp(URI base, Retry retry) {
    String b = base.toString();
    this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    this.retry = retry;
  }

  void token(String token) {
    this.token = token;
  }

  /** Called once per request when the homeserver forgot the token (M_UNKNOWN_TOKEN), to sign in again. */
  void onUnknownToken(Runnable reauth) {
    this.reauth = reauth;
  }

  boolean hasToken() {
    return token != null && !token.isBlank();
  }

  JsonNode json(String method, String path, Object body, Duration timeout) {
    byte[] bytes = body == null ? null : write(body);
    return call(() -> request(method, path, bytes, "application/json", timeout), null, false);
  }

  /**
   * Like {@link #json} but one attempt (after signing in again on M_UNKNOWN_TOKEN): for calls made from the
   * outbox, which retries and waits on its own (a 429's wait comes back in {@link MatrixException#retryAfter()}).
   */
  JsonNode once(String method, String path, Object body, Duration timeout) {
    byte[] bytes = body == null ? null : write(body);
    return call(() -> request(method, path, bytes, "application/json", timeout), null, true);
  }

  /** An upload in one attempt, as {@link #once}. */
  JsonNode uploadOnce(String method, String path, byte[] content, String contentType) {
    return call(() -> request(method, path, content, contentType, Duration.ofSeconds(60)), null, true);
  }

  JsonNode upload(String path, byte[] content, String contentType) {
    return upload("POST", path, content, contentType);
  }

  JsonNode upload(String method, String path, byte[] content, String contentType) {
    return call(() -> request(method, path, content, contentType, Duration.ofSeconds(60)), null, false);
  }

  /** Like {@link #json} once, without retries, and cancellable through {@code pending} (the sync long poll). */
  JsonNode poll(String path, Duration timeout, AtomicReference<CompletableFuture<?>> pending) {
    return call(() -> request("GET", path, null, null, timeout), pending, true);
  }

  private HttpRequest request(String method, String path, byte[] body, String type, Duration timeout) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
    if (hasToken()) {
      b.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      b.header("Content-Type", type);
    }
    return b.method(method, body == null
        ? ("GET".equals(method) ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"))
        : HttpRequest.BodyPublishers.ofByteArray(body)).build();
  }

  private JsonNode call(Supplier<HttpRequest> build, AtomicReference<CompletableFuture<?>> pending, boolean once) {
    HttpRequest req = build.get();
    String what = req.method() + " " + req.uri().getPath();
    Duration backoff = retry.firstBackoff();
    int attempts = once ? 1 : retry.attempts();
    boolean reauthed = false;
    for (int attempt = 1; ; attempt++, req = build.get()) {
      HttpResponse<byte[]> resp;
      try {
        resp = send(req, pending);
      } catch (IOException e) {
        if (attempt >= attempts) {
          throw new MatrixException(0, null, "cannot reach the Matrix homeserver " + base + ": " + e);
        }
        LOG.warn("{} failed ({}), retrying in {} ms", what, e.toString(), backoff.toMillis());
        sleep(backoff);
        backoff = min(backoff.multipliedBy(2), retry.maxWait());
        continue;
      }
      JsonNode body = parse(resp.body());
      int status = resp.statusCode();
      if (status >= 200 && status < 300) {
        return body;
      }
      String errcode = body.path("errcode").asText(null);
      String error = body.path("error").asText("HTTP " + status);
      Runnable again = reauth;
      if (status == 401 && "M_UNKNOWN_TOKEN".equals(errcode) && again != null && !reauthed) {
        LOG.warn("{}: the homeserver no longer knows the access token; signing in again", what);
        reauthed = true;
        again.run();
        attempt--;
        continue;
      }
      if (attempt < attempts && (status == 429 || status >= 500)) {
        Duration wait = status == 429 ? retryAfter(body, resp, backoff) : backoff;
        LOG.warn("{} answered {} {}, retrying in {} ms", what, status, errcode, wait.toMillis());
        sleep(wait);
        backoff = min(backoff.multipliedBy(2), retry.maxWait());
        continue;
      }
      throw new MatrixException(status, errcode, what + " failed: " + status + " "
          + (errcode == null ? "" : errcode + " ") + error,
          status == 429 ? retryAfter(body, resp, retry.firstBackoff()) : null);
    }
  }

  private HttpResponse<byte[]> send(HttpRequest req, AtomicReference<CompletableFuture<?>> pending)
      throws IOException {
    try {
      if (pending == null) {
        return client.send(req, HttpResponse.BodyHandlers.ofByteArray());
      }
      CompletableFuture<HttpResponse<byte[]>> f = client.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray());
      pending.set(f);
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Stopped();
    } catch (java.util.concurrent.CancellationException e) {
      throw new Stopped();
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } finally {
      if (pending != null) {
        pending.set(null);
      }
    }
  }

  private Duration retryAfter(JsonNode body, HttpResponse<?> resp, Duration fallback) {
    long ms = body.path("retry_after_ms").asLong(-1);
    if (ms < 0) {
      ms = resp.headers().firstValueAsLong("Retry-After").orElse(-1) * 1000;
    }
    return ms < 0 ? fallback : min(Duration.ofMillis(ms), retry.maxWait());
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) < 0 ? a : b;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Stopped();
    }
  }

  private static byte[] write(Object body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode parse(byte[] body) {
    try {
      return body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  /** The transport is stopping: the pending long poll was cancelled or the thread interrupted. */
  static final class Stopped extends RuntimeException {
    Stopped() {
      super("stopped", null, false, false);
    }
  }
}
