package dev.vpnmanager.chat.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vpnmanager.chat.ChatTransport;
import dev.vpnmanager.chat.Platform;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.router.AccessPolicy;
import dev.vpnmanager.chat.router.CommandRouter;
import dev.vpnmanager.storage.StateStore;
import dev.vpnmanager.storage.Tx;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Matrix bot: a /sync long-poll loop on its own thread whose next_batch token is saved in the database
 * after each batch is handled, so a restart misses no message, and the events of a batch cut short are
 * remembered ({@link HandledEvents}) so none is acted on twice; a brand-new bot skips the room history it
 * finds. Replies go out through {@link MatrixSender}.
 */
public final class MatrixTransport implements ChatTransport {
  private static final Logger LOG = LoggerFactory.getLogger(MatrixTransport.class);
  private final MatrixConfig config;
  private final MatrixClient client;
  private final MatrixState state;
  private final Rooms rooms;
  private final HandledEvents handled;
  private final Clock clock;
  private final Menus menus = new Menus();
  private final MatrixSender sender;
  private final CommandRouter router;
  private final AccessPolicy access;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final CountDownLatch ready = new CountDownLatch(1);
  private volatile String me;
  private Thread loop;

  MatrixTransport(MatrixConfig config, MatrixClient client, Tx tx, Clock clock, CommandRouter router,
                  AccessPolicy access) {
    this.config = config;
    this.client = client;
    this.state = new MatrixState(new StateStore(tx));
    this.rooms = new Rooms(state);
    this.handled = new HandledEvents(state);
    this.clock = clock;
    this.sender = new MatrixSender(client, menus, rooms, clock);
    this.router = router;
    this.access = access;
    client.onUnknownToken(this::signInAgain);
  }

  @Override
  public Platform platform() {
    return Platform.MATRIX;
  }

  @Override
  public synchronized void start() {
    if (loop == null) {
      loop = new Thread(this::run, "matrix-sync");
      loop.setDaemon(true);
      loop.start();
    }
  }

  /** Waits until the bot has signed in and caught up once; false on timeout. */
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void send(String roomId, Reply reply) {
    signedIn();
    sender.send(roomId, reply, null);
  }

  /** Sends to a person in their direct room with the bot, opening one (unencrypted) the first time. */
  @Override
  public void sendToUser(String userId, Reply reply) {
    signedIn();
    String room = directRoom(userId, null);
    try {
      send(room, reply);
    } catch (MatrixException e) {
      if (e.status() != 403) {
        throw e;
      }
      send(directRoom(userId, room), reply);
    }
  }

  @Override
  public java.util.Optional<String> privateChatOf(String userId) {
    return java.util.Optional.ofNullable(rooms.directRoomOf(userId));
  }

  /** The person's direct room; a new one when there is none or the known one ({@code gone}) was left. */
  private synchronized String directRoom(String userId, String gone) {
    String room = rooms.directRoomOf(userId);
    if (room == null || room.equals(gone)) {
      room = client.createDirectRoom(userId);
      rooms.rememberDirectRoom(userId, room);
    }
    return room;
  }

  private synchronized String signedIn() {
    if (me == null) {
      me = config.signIn(client, state.get(MatrixState.DEVICE).orElse(null),
          device -> state.put(MatrixState.DEVICE, device));
    }
    return me;
  }

  /** A password login gets a new token when the old one is gone; a configured token cannot be renewed. */
  private synchronized void signInAgain() {
    if (config.token().isBlank() && me != null) {
      client.login(config.user(), config.password(), state.get(MatrixState.DEVICE).orElse(null));
    }
  }

  private void run() {
    Duration backoff = Duration.ofSeconds(1);
    SyncHandler handler = null;
    while (stop.getCount() > 0) {
      try {
        if (handler == null) {
          handler = new SyncHandler(signedIn(), client, sender, menus, rooms, handled, router, access, clock,
              this::sendToUser);
        }
        String since = state.get(MatrixState.NEXT_BATCH).orElse(null);
        JsonNode sync = client.sync(since, since == null ? Duration.ZERO : config.pollTimeout());
        handler.handle(sync, since);
        String next = sync.path("next_batch").asText("");
        if (!next.isEmpty()) {
          state.put(MatrixState.NEXT_BATCH, next);
        }
        ready.countDown();
        backoff = Duration.ofSeconds(1);
      } catch (MatrixHttp.Stopped e) {
        break;
      } catch (RuntimeException e) {
        if (e instanceof MatrixException m && m.status() == 401) {
          handler = null;
          me = null;
        }
        LOG.warn("Matrix sync failed: {}; retrying in {} s", e.getMessage(), backoff.toSeconds());
        if (await(backoff)) {
          break;
        }
        backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(60)) > 0 ? Duration.ofSeconds(60)
            : backoff.multipliedBy(2);
      }
    }
  }

  private boolean await(Duration d) {
    try {
      return stop.await(d.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      return true;
    }
  }

  /** Stops the loop: the pending long poll is cancelled; a batch being handled is finished first. */
  @Override
  public void close() {
    stop.countDown();
    Thread t;
    synchronized (this) {
      t = loop;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (t != null && t.isAlive() && System.nanoTime() < deadline) {
      client.cancelSync();
      try {
        t.join(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
