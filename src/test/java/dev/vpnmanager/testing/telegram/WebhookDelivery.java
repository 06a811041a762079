package dev.vpnmanager.testing.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Telegram's side of webhook mode for the stand-in, with a load balancer in front of several instances: each
 * pushed update is posted (with the secret the bot set by setWebhook) to the next instance in turn. Telegram
 * posts an update again when it got no answer in time; {@link #loseAnswers} makes the next updates' answers
 * "lost", so each of them is posted to one instance and then again to the next, as Telegram's retry through the
 * balancer would.
 */
public final class WebhookDelivery {
  /** One post: which update, to which instance, and the answer. */
  public record Post(long updateId, int instance, int status) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final BotApiStandIn api;
  private final List<URI> instances;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Post> posts = new CopyOnWriteArrayList<>();
  private int next;
  private int lose;

  private WebhookDelivery(BotApiStandIn api, List<URI> instances) {
    this.api = api;
    this.instances = List.copyOf(instances);
  }

  /** From now on the stand-in's pushes are posted to these webhook URLs (one per instance). */
  public static WebhookDelivery to(BotApiStandIn api, List<URI> instances) {
    WebhookDelivery d = new WebhookDelivery(api, instances);
    api.deliverTo(d::deliver);
    return d;
  }

  /** The answers to the next {@code n} updates are lost on their way back: each is posted twice. */
  public synchronized void loseAnswers(int n) {
    lose += n;
  }

  public List<Post> posts() {
    return new ArrayList<>(posts);
  }

  private synchronized void deliver(ObjectNode update) {
    int first = next++ % instances.size();
    post(update, first);
    if (lose > 0) {
      lose--;
      post(update, (first + 1) % instances.size());
    }
  }

  private void post(ObjectNode update, int instance) {
    String secret = api.requests("setWebhook").stream().reduce((a, b) -> b).map(r -> r.param("secret_token"))
        .orElseThrow(() -> new AssertionError("the bot has not called setWebhook"));
    try {
      HttpResponse<Void> r = http.send(HttpRequest.newBuilder(instances.get(instance))
          .timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json")
          .header("X-Telegram-Bot-Api-Secret-Token", secret)
          .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(update))).build(),
          HttpResponse.BodyHandlers.discarding());
      posts.add(new Post(update.path("update_id").asLong(), instance, r.statusCode()));
    } catch (IOException e) {
      posts.add(new Post(update.path("update_id").asLong(), instance, 0));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
