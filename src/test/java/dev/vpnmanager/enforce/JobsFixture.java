package dev.vpnmanager.enforce;

import dev.vpnmanager.chat.Admins;
import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.chat.Platform;
import dev.vpnmanager.domain.ChatBinding;
import dev.vpnmanager.domain.VpnUser;
import dev.vpnmanager.notify.Alerts;
import dev.vpnmanager.notify.ChatNotifier;
import dev.vpnmanager.notify.RecordingTransport;
import dev.vpnmanager.storage.Tx;
import dev.vpnmanager.chat.outbox.durable.OutboxSender;
import dev.vpnmanager.chat.outbox.durable.OutboxStore;
import java.security.SecureRandom;
import dev.vpnmanager.testing.FakeClock;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.traffic.CounterSource;
import dev.vpnmanager.traffic.TrafficCollector;
import dev.vpnmanager.user.NewUser;
import dev.vpnmanager.user.UserEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** The real graph on a real SQLite file plus the job-side services wired to a recording chat transport. */
public final class JobsFixture {
  public final FakeClock clock;
  public final AppComponent app;
  public final RecordingTransport telegram = new RecordingTransport(Platform.TELEGRAM);
  public final Alerts alerts;
  public final OutboxStore store;
  public final ChatNotifier notifier;
  /** Sends the stored messages when a test asks ({@link #sent()}), on the test's thread. */
  public final OutboxSender sender;
  public final EnforceQueries queries;
  public final Enforcer enforcer;
  public final Warnings warnings;
  public final QuotaResets resets;
  public final TrafficCollector collector;
  public final List<UserEvent> events = new CopyOnWriteArrayList<>();

  public JobsFixture(Path dir, FakeClock clock) {
    this(dir, clock, Map.of());
  }

  /** With more settings, such as a PostgreSQL database.url (the jobs benchmark). */
  public JobsFixture(Path dir, FakeClock clock, Map<String, String> settings) {
    this.clock = clock;
    Map<String, String> all = new java.util.HashMap<>(settings);
    all.put("admins", "telegram:42,matrix:@boss:example.org");
    this.app = TestApp.create(dir, clock, all);
    app.events().subscribe(UserEvent.class, events::add);
    Tx tx = new Tx(app.database());
    store = new OutboxStore(tx, clock);
    notifier = new ChatNotifier(() -> Set.of(telegram), new Admins(app.settings()), app.chatBindings(),
        app.languages(), store, tx, app.dates());
    sender = new OutboxSender(tx, clock, () -> Set.of(telegram), app.settings(), store, new SecureRandom());
    alerts = new Alerts(tx, notifier, clock);
    queries = new EnforceQueries(app.database());
    enforcer = new Enforcer(app.userQueries(), queries, app.users(), alerts, clock);
    warnings = new Warnings(queries, alerts, clock);
    resets = new QuotaResets(queries, app.users(), clock);
    collector = new TrafficCollector(tx, Optional.empty(), clock);
  }

  /** A user with a limit and an expiry, bound to Telegram chat "chat-NAME" (language ru for names from r). */
  public void user(String name, long limit, Instant expires) {
    app.users().add(Actor.cli(), new NewUser(name, "vless", null, limit, expires, null, null));
    VpnUser u = app.userQueries().require(name);
    ChatBinding b = new ChatBinding();
    b.setPlatform("telegram");
    b.setChatId("chat-" + name);
    b.setUser(u);
    app.database().insert(b);
    app.languages().set(Platform.TELEGRAM, "chat-" + name, name.startsWith("r") ? "ru" : "en");
  }

  public void traffic(CounterSource source) {
    collector.collect(List.of(source));
  }

  public List<String> kinds(String user) {
    return events.stream().filter(e -> e.snapshot().username().equals(user)).map(e -> e.kind().code()).toList();
  }

  /** Runs the outbox sender once (what is due now goes out), then what the chat stand-in got so far. */
  public List<RecordingTransport.Sent> sent() {
    sender.runOnce();
    return telegram.sent;
  }

  public List<String> textsTo(String chatId) {
    return sent().stream().filter(s -> s.to().equals(chatId)).map(s -> s.reply().allText()).toList();
  }
}
