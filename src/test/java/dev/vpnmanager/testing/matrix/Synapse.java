package dev.vpnmanager.testing.matrix;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vpnmanager.testing.Peers;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A real Synapse started by {@code scripts/test-synapse.sh} (its VPN_TEST_SYNAPSE_* variables): users registered
 * through the shared-secret admin API, and {@link Person}s who talk to the bot over the Client-Server API.
 * Missing, the test is skipped with a message (a failure under VPN_REQUIRE_PEERS=true).
 */
public final class Synapse {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  private final String url;
  private final String serverName;
  private final String secret;
  /** A suffix that keeps this run's user names apart from earlier runs on the same (reused) Synapse. */
  private final String run = Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36).substring(0, 6);

  private Synapse(String url, String serverName, String secret) {
    this.url = url;
    this.serverName = serverName;
    this.secret = secret;
  }

  /** The Synapse of this shell, or a skip (a failure in CI) that says how to start one. */
  public static Synapse require() {
    String url = System.getenv("VPN_TEST_SYNAPSE_URL");
    String secret = System.getenv("VPN_TEST_SYNAPSE_SECRET");
    String name = System.getenv().getOrDefault("VPN_TEST_SYNAPSE_SERVER_NAME", "localhost");
    if (url == null || secret == null || !answers(url)) {
      String msg = "no Synapse: run eval \"$(scripts/test-synapse.sh --pantalaimon)\" first "
          + "(scripts/install-peers.sh installs it)";
      if (Peers.required()) {
        fail(msg);
      }
      assumeTrue(false, msg);
    }
    URI u = URI.create(url);
    if (!"127.0.0.1".equals(u.getHost()) && !"localhost".equals(u.getHost())) {
      fail("VPN_TEST_SYNAPSE_URL must be on loopback: " + url);
    }
    return new Synapse(url, name, secret);
  }

  /** pantalaimon in front of this Synapse (VPN_TEST_PANTALAIMON_URL), or a skip / failure like {@link #require}. */
  public String pantalaimon() {
    String pan = System.getenv("VPN_TEST_PANTALAIMON_URL");
    if (pan == null || !answers(pan)) {
      String msg = "no pantalaimon: run eval \"$(scripts/test-synapse.sh --pantalaimon)\" first";
      if (Peers.required()) {
        fail(msg);
      }
      assumeTrue(false, msg);
    }
    return pan;
  }

  public String url() {
    return url;
  }

  /** A user name unique to this run. */
  public String name(String base) {
    return base + "-" + run;
  }

  public String userId(String localpart) {
    return "@" + localpart + ":" + serverName;
  }

  /** Registers a user with the shared secret (HMAC-SHA1 over nonce, name, password, admin flag). */
  public String register(String localpart, String password, boolean admin) {
    JsonNode nonce = call("GET", url + "/_synapse/admin/v1/register", null, null);
    String n = nonce.path("nonce").asText();
    String flag = admin ? "admin" : "notadmin";
    String mac;
    try {
      Mac h = Mac.getInstance("HmacSHA1");
      h.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      mac = HexFormat.of().formatHex(h.doFinal((n + "\0" + localpart + "\0" + password + "\0" + flag)
          .getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    ObjectNode body = JSON.createObjectNode().put("nonce", n).put("username", localpart)
        .put("password", password).put("admin", admin).put("mac", mac);
    return call("POST", url + "/_synapse/admin/v1/register", null, body).path("user_id").asText();
  }

  /** Signs in an existing account (a new device) talking to Synapse directly. */
  public Person login(String localpart, String password) {
    return Person.login(this, url, localpart, password);
  }

  /** Registers and signs in a person who talks to Synapse directly. */
  public Person person(String localpart, String password, boolean admin) {
    register(localpart, password, admin);
    return Person.login(this, url, localpart, password);
  }

  /** A fresh access token for an account (a password login, as an operator would do to get VPN_MATRIX_TOKEN). */
  public String accessToken(String userId, String password) {
    return call("POST", url + "/_matrix/client/v3/login", null, map("type", "m.login.password",
        "identifier", Map.of("type", "m.id.user", "user", userId), "password", password)).path("access_token").asText();
  }

  /** Synapse's per-user message rate limit (admin API, {@code rc_message} for this user only). */
  public void limitMessages(Person admin, String userId, int perSecond, int burst) {
    ObjectNode body = JSON.createObjectNode().put("messages_per_second", perSecond).put("burst_count", burst);
    call("POST", url + "/_synapse/admin/v1/users/" + enc(userId) + "/override_ratelimit", admin.token(), body);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static boolean answers(String base) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/_matrix/client/versions")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException | InterruptedException | IllegalArgumentException e) {
      return false;
    }
  }

  static JsonNode call(String method, String uri, String token, Object body) {
    HttpResponse<byte[]> r = raw(method, uri, token, body);
    try {
      JsonNode json = r.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(r.body());
      if (r.statusCode() / 100 != 2) {
        throw new IllegalStateException(method + " " + URI.create(uri).getPath() + ": " + r.statusCode() + " " + json);
      }
      return json;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<byte[]> raw(String method, String uri, String token, Object body) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri));
      if (token != null) {
        b.header("Authorization", "Bearer " + token);
      }
      b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Map<String, Object> map(Object... kv) {
    java.util.LinkedHashMap<String, Object> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}
