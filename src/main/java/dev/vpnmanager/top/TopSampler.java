package dev.vpnmanager.top;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.vpnmanager.alert.ServerHealth;
import dev.vpnmanager.alert.ServerHealthSource;
import dev.vpnmanager.chat.i18n.Messages;
import dev.vpnmanager.config.ConfigKeys;
import dev.vpnmanager.config.Durations;
import dev.vpnmanager.config.Json;
import dev.vpnmanager.config.Settings;
import dev.vpnmanager.domain.AlertRecord;
import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.domain.VpnUser;
import dev.vpnmanager.traffic.UsageQueries;
import io.ebean.Database;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Gathers one {@link TopSnapshot}: servers, users and alerts from the database, container state, CPU and memory
 * from the servers (Docker), rates from the traffic job's counters. Meant for one background thread: it keeps
 * the counters of the previous look to tell rates.
 */
public final class TopSampler {
  static final int ALERTS = 5;
  private static final Messages ALERT_TEXTS = new Messages("notify");
  private final Database db;
  private final UsageQueries usage;
  private final Optional<ServerHealthSource> health;
  private final Clock clock;
  private final Rates rates;

  @Inject
  public TopSampler(Database db, UsageQueries usage, Optional<ServerHealthSource> health, Settings settings,
                    Clock clock) {
    this.db = db;
    this.usage = usage;
    this.health = health;
    this.clock = clock;
    this.rates = new Rates(Durations.parse(settings.get(ConfigKeys.TRAFFIC_INTERVAL)));
  }

  public TopSnapshot sample() {
    Instant now = clock.instant();
    rates.observe(usage.lastCounters(), now);
    List<VpnUser> users = db.find(VpnUser.class).fetch("server", "name").findList();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC); // the traffic job counts days in UTC
    Map<Long, Long> todayByUser = usage.byUser(today);
    Map<String, Integer> perServer = new HashMap<>();
    List<TopSnapshot.UserLine> lines = new ArrayList<>();
    for (VpnUser u : users) {
      String server = u.getServer() == null ? "" : u.getServer().getName();
      perServer.merge(server, 1, Integer::sum);
      lines.add(new TopSnapshot.UserLine(u.getUsername(), u.getStatus().code(), server, u.getUsedBytes(),
          u.getLimitBytes(), todayByUser.getOrDefault(u.getId(), 0L), rates.rate(u.getUsername(), now),
          rates.online(u.getUsername(), now)));
    }
    // online first, fastest first; then by name
    lines.sort(Comparator.comparing(TopSnapshot.UserLine::online).reversed()
        .thenComparing(Comparator.comparingDouble(TopSnapshot.UserLine::rate).reversed())
        .thenComparing(TopSnapshot.UserLine::name));
    Map<String, ServerHealth> healthByName = new HashMap<>();
    String note = "";
    if (health.isEmpty()) {
      note = "container state unknown (no Docker side in this build)";
    } else {
      try {
        health.get().poll().forEach(h -> healthByName.put(h.serverName(), h));
      } catch (RuntimeException e) {
        note = "Docker: " + firstLine(String.valueOf(e.getMessage()));
      }
    }
    List<TopSnapshot.ServerLine> servers = new ArrayList<>();
    for (VpnServer s : db.find(VpnServer.class).orderBy("name").findList()) {
      ServerHealth h = healthByName.get(s.getName());
      String state = h == null ? (note.isEmpty() ? "not deployed" : "?") : h.state().name().toLowerCase(Locale.ROOT);
      boolean measured = h != null && h.state() == ServerHealth.State.RUNNING;
      servers.add(new TopSnapshot.ServerLine(s.getName(), s.getProtocol(), s.getPort(), state,
          measured ? h.cpuPercent() : -1, measured ? h.memoryPercent() : -1, perServer.getOrDefault(s.getName(), 0)));
    }
    long todayBytes = todayByUser.values().stream().mapToLong(Long::longValue).sum();
    return new TopSnapshot(now, servers, note, lines, todayBytes, alerts());
  }

  private List<TopSnapshot.AlertLine> alerts() {
    List<TopSnapshot.AlertLine> out = new ArrayList<>();
    for (AlertRecord r : db.find(AlertRecord.class).orderBy("raisedAt desc, id desc")
        .setMaxRows(ALERTS).findList()) {
      String text;
      try {
        List<String> args = Json.MAPPER.readValue(r.getArgs(), new TypeReference<List<String>>() {});
        text = ALERT_TEXTS.get(Messages.DEFAULT_LANGUAGE, r.getMessageKey(), args.toArray());
      } catch (Exception e) {
        text = r.getMessageKey();
      }
      String to = r.getRecipient().startsWith("user:") ? "→ " + r.getRecipient().substring(5) + ": " : "";
      out.add(new TopSnapshot.AlertLine(r.getRaisedAt(), to + firstLine(text)));
    }
    return out;
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
