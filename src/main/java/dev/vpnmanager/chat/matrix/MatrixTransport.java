package dev.vpnmanager.chat.matrix;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vpnmanager.chat.ChatLanes;
import dev.vpnmanager.chat.ChatTransport;
import dev.vpnmanager.chat.Platform;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.outbox.Failure;
import dev.vpnmanager.chat.outbox.Limits;
import dev.vpnmanager.chat.outbox.Outbox;
import dev.vpnmanager.chat.outbox.Priority;
import dev.vpnmanager.chat.outbox.Step;
import dev.vpnmanager.chat.router.AccessPolicy;
import dev.vpnmanager.chat.router.CommandRouter;
import dev.vpnmanager.storage.Tx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Matrix bot: a /sync long-poll loop on its own thread that only reads events and dispatches them. Commands
 * run on per-room lanes ({@link ChatLanes}: one room's in order, rooms side by side on a shared pool), so a slow
 * command holds up neither other rooms nor the loop. Each command is stored with its event's claim before it is
 * queued ({@link HandledEvents}, {@link QueuedCommands}) and taken from the store when it starts, and the
 * next_batch token is saved after the batch is dispatched: a restart misses no command, runs those left waiting
 * and acts on none twice, even when killed mid-command; a brand-new bot skips the room history it finds. Every
 * send — replies, alerts, broadcasts — leaves through one rate-limited {@link Outbox} (calls built by
 * {@link MatrixSender}, one attempt each; the outbox waits out a 429's retry_after_ms and retries 5xx), so a slow
 * or rate-limiting homeserver never holds up the sync thread or a job.
 */
public final class MatrixTransport implements ChatTransport {
  private static final Logger LOG = LoggerFactory.getLogger(MatrixTransport.class);
  /**
   * Synapse's default message limit is per account (0.2/s with a burst of 10, often lifted for bots); these
   * rates keep a burst short, and a 429 pauses every room for the retry_after_ms the homeserver asked.
   */
  static final Limits LIMITS = new Limits(5, 5, 1, 1, 3, 6, Duration.ofMillis(500), Duration.ofSeconds(30));
  private final MatrixConfig config;
  private final MatrixClient client;
  private final MatrixState state;
  private final Rooms rooms;
  private final HandledEvents handled;
  private final QueuedCommands queued;
  private final Clock clock;
  private final Menus menus = new Menus();
  private final MatrixSender sender;
  private final Outbox outbox;
  private final CommandRouter router;
  private final AccessPolicy access;
  /**
   * Commands of one room in order, rooms side by side on 8 threads (as Telegram's chats); under a flood at most
   * 4,000 wait, new ones are dropped (and counted), not buffered without end.
   */
  private final ChatLanes lanes = new ChatLanes("matrix-room", 8, 4_000);
  private final CountDownLatch stop = new CountDownLatch(1);
  private final CountDownLatch ready = new CountDownLatch(1);
  private volatile String me;
  /** The last sync succeeded (GET /readyz). */
  private volatile boolean syncing;
  private Thread loop;
  /** The commands left waiting by the last run were queued (once, before the first sync). */
  private boolean resumed;

  MatrixTransport(MatrixConfig config, MatrixClient client, Tx tx, Clock clock, CommandRouter router,
                  AccessPolicy access) {
    this(config, client, tx, clock, router, access, LIMITS);
  }

  MatrixTransport(MatrixConfig config, MatrixClient client, Tx tx, Clock clock, CommandRouter router,
                  AccessPolicy access, Limits limits) {
    this.config = config;
    this.client = client;
    this.state = new MatrixState(tx);
    this.rooms = new Rooms(state);
    this.handled = new HandledEvents(state);
    this.queued = new QueuedCommands(state);
    this.clock = clock;
    this.sender = new MatrixSender(client, menus, rooms, clock);
    this.outbox = new Outbox("matrix", limits, MatrixFailures::classify);
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

  /** Bulk sending (alerts, broadcasts) to a room, through the outbox after every waiting reply. */
  @Override
  public void send(String roomId, Reply reply) {
    outbox.submit(roomId, false, Priority.BULK, sender.steps(inRoom(roomId), reply, null, null));
  }

  @Override
  public boolean isPrivateChat(String chatId) {
    return rooms.isDirect(chatId);
  }

  /** Sends to a person in their direct room with the bot, opening one (unencrypted) the first time. */
  @Override
  public void sendToUser(String userId, Reply reply) {
    outbox.submit(userId, false, Priority.BULK, sender.steps(toPerson(userId), reply, null, null));
  }

  /**
   * A stored message: its events after the {@code skip} already accepted, with transaction ids made from the
   * message's key, so an event the homeserver accepted before a crash is not stored twice when resumed.
   */
  @Override
  public void deliver(Outgoing m, Outbox.Listener listener) {
    MatrixSender.Where where = m.person() ? toPerson(m.target()) : inRoom(m.target());
    List<Step> all = sender.steps(where, m.reply(), null, m.key());
    int skip = Math.min(m.skip(), all.size());
    outbox.submit(m.target(), false, Priority.BULK, all.subList(skip, all.size()), new Outbox.Listener() {
      @Override
      public void accepted(int step) {
        listener.accepted(skip + step);
      }

      @Override
      public void finished(Failure failure, Exception cause) {
        listener.finished(failure, cause);
      }
    });
  }

  @Override
  public String describe(Exception e) {
    return MatrixFailures.describe(e);
  }

  /** A reply to a command, ahead of bulk mail; the sync thread does not wait for it. */
  private void reply(String roomId, Reply reply, String forUser) {
    outbox.submit(roomId, false, Priority.INTERACTIVE, sender.steps(inRoom(roomId), reply, forUser, null));
  }

  private void replyPrivately(String userId, Reply reply) {
    outbox.submit(userId, false, Priority.INTERACTIVE, sender.steps(toPerson(userId), reply, userId, null));
  }

  private MatrixSender.Where inRoom(String roomId) {
    return new MatrixSender.Where() {
      @Override
      public String room() {
        signedIn();
        return roomId;
      }

      @Override
      public String reopen(String gone) {
        return null;
      }
    };
  }

  private MatrixSender.Where toPerson(String userId) {
    return new MatrixSender.Where() {
      @Override
      public String room() {
        signedIn();
        return directRoom(userId, null);
      }

      @Override
      public String reopen(String gone) {
        return directRoom(userId, gone);
      }
    };
  }

  public Outbox outbox() {
    return outbox;
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

  /**
   * Signs in once. A password login reuses the bot's one device, kept in the database, so every instance on the
   * database signs in as that device (each with a token of its own; a login does not end the other tokens) and
   * transaction ids stay idempotent across them. The first login makes the device; of two instances making one at
   * once, the one stored first wins and the other drops its own and signs in as that one.
   */
  private synchronized String signedIn() {
    if (me == null) {
      String known = state.get(MatrixState.DEVICE).orElse(null);
      me = config.signIn(client, known, device -> {
        if (device == null || device.equals(known)) {
          return;
        }
        if (known == null && !state.putIfAbsent(MatrixState.DEVICE, device)) {
          client.logout();
          client.login(config.user(), config.password(), state.get(MatrixState.DEVICE).orElseThrow());
        } else if (known != null) {
          state.put(MatrixState.DEVICE, device);
        }
      });
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
          handler = new SyncHandler(signedIn(), client, this::reply, menus, rooms, handled, router, access, clock,
              this::replyPrivately, lanes, queued);
          if (!resumed) {
            resume(handler);
            resumed = true;
          }
        }
        String since = state.get(MatrixState.NEXT_BATCH).orElse(null);
        JsonNode sync = client.sync(since, since == null ? Duration.ZERO : config.pollTimeout());
        handler.handle(sync, since);
        String next = sync.path("next_batch").asText("");
        if (!next.isEmpty()) {
          state.put(MatrixState.NEXT_BATCH, next);
        }
        ready.countDown();
        syncing = true;
        backoff = Duration.ofSeconds(1);
      } catch (MatrixHttp.Stopped e) {
        break;
      } catch (RuntimeException e) {
        syncing = false;
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

  /** Before the first sync: the commands the last run (or the instance before this one) left waiting. */
  private void resume(SyncHandler handler) {
    List<QueuedCommands.Command> left = queued.waiting();
    if (!left.isEmpty()) {
      LOG.warn("Matrix: {} command(s) left waiting by the last run are run now", left.size());
      left.forEach(handler::dispatch);
    }
  }

  private boolean await(Duration d) {
    try {
      return stop.await(d.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      return true;
    }
  }

  @Override
  public boolean connected() {
    return syncing && stop.getCount() > 0;
  }

  /**
   * Stops the loop (the pending long poll is cancelled; a batch being dispatched is finished first), gives the
   * commands on the lanes a bounded time to finish (their replies still go out; those not begun by then stay
   * stored for the next start), then queued sends two seconds to leave.
   */
  @Override
  public void close() {
    stop.countDown();
    Thread t;
    synchronized (this) {
      t = loop;
    }
    try {
      closeLoop(t);
      lanes.close();
    } finally {
      outbox.close();
    }
  }

  private void closeLoop(Thread t) {
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
