package dev.vpnmanager.stats.chat;

import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.i18n.Dates;
import dev.vpnmanager.chat.router.CommandContext;
import dev.vpnmanager.chat.router.CommandHandler;
import dev.vpnmanager.chat.router.CommandSpec;
import dev.vpnmanager.chat.router.Role;
import dev.vpnmanager.common.OperationFailedException;
import dev.vpnmanager.common.Sizes;
import dev.vpnmanager.stats.StatsOverview;
import dev.vpnmanager.stats.TrafficStats;
import java.util.Map;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** /stats: users by status, the top users of this month, traffic per server (a short text and a chart). */
public final class StatsCommand implements CommandHandler {
  private static final Logger LOG = LoggerFactory.getLogger(StatsCommand.class);
  private final TrafficStats stats;
  private final Dates dates;

  @Inject
  public StatsCommand(TrafficStats stats, Dates dates) {
    this.stats = stats;
    this.dates = dates;
  }

  @Override
  public CommandSpec spec() {
    return new CommandSpec("stats", Role.ADMIN, "users by status, top users, traffic per server");
  }

  @Override
  public Reply handle(CommandContext ctx) {
    StatsOverview s = stats.overview(TrafficStats.DEFAULT_DAYS);
    Reply reply = Reply.text(text(ctx, s, dates));
    try {
      return reply.and(new Reply.Photo(s.chart(ctx.update().language()), StatsTexts.t(ctx, "stats.chart", s.days()), false));
    } catch (OperationFailedException e) {
      LOG.warn("/stats without its chart: {}", e.getMessage());
      return reply.and(new Reply.Text(StatsTexts.t(ctx, "stats.noChart", e.getMessage()), null, false));
    }
  }

  static String text(CommandContext ctx, StatsOverview s, Dates dates) {
    String lang = ctx.update().language();
    Map<String, Integer> st = s.usersByStatus();
    StringBuilder b = new StringBuilder(StatsTexts.t(ctx, "stats.title", dates.day(s.today(), lang))).append('\n');
    b.append(StatsTexts.t(ctx, "stats.users", s.users(), st.getOrDefault("active", 0),
        st.getOrDefault("suspended", 0), st.getOrDefault("limited", 0), st.getOrDefault("expired", 0)));
    b.append("\n\n").append(StatsTexts.t(ctx, "stats.top", dates.day(s.monthStart(), lang)));
    if (s.topThisMonth().isEmpty()) {
      b.append('\n').append(StatsTexts.t(ctx, "stats.noTraffic"));
    }
    int i = 1;
    for (StatsOverview.Top t : s.topThisMonth()) {
      b.append('\n').append(StatsTexts.t(ctx, "stats.topRow", Integer.toString(i++), t.username(),
          Sizes.format(t.bytes())));
    }
    b.append("\n\n").append(StatsTexts.t(ctx, "stats.servers", s.days()));
    if (s.perServerTotal().isEmpty()) {
      b.append('\n').append(StatsTexts.t(ctx, "stats.noTraffic"));
    }
    s.perServerTotal().forEach((name, bytes) ->
        b.append('\n').append(StatsTexts.t(ctx, "stats.serverRow", name, Sizes.format(bytes))));
    if (s.perServerTotal().size() > 1) {
      b.append('\n').append(StatsTexts.t(ctx, "stats.total", Sizes.format(s.totalBytes())));
    }
    return b.toString();
  }
}
