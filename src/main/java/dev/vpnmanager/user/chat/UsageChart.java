package dev.vpnmanager.user.chat;

import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.router.CommandContext;
import dev.vpnmanager.common.OperationFailedException;
import dev.vpnmanager.common.Sizes;
import dev.vpnmanager.stats.TrafficStats;
import dev.vpnmanager.stats.UserUsage;
import dev.vpnmanager.stats.chat.StatsTexts;
import dev.vpnmanager.user.UserRecord;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The picture that /usage and the user card attach: the user's last 30 days of traffic with their limit line.
 * A user without traffic in those days gets none (a chart of nothing is only noise); a chart that cannot be drawn
 * (a system without fonts) is logged and left out. The text goes either way.
 */
final class UsageChart {
  private static final Logger LOG = LoggerFactory.getLogger(UsageChart.class);

  private UsageChart() {}

  static Optional<Reply.Photo> of(CommandContext ctx, TrafficStats stats, UserRecord u) {
    try {
      UserUsage usage = stats.of(u, TrafficStats.DEFAULT_DAYS);
      if (usage.totalBytes() == 0) {
        return Optional.empty();
      }
      return Optional.of(new Reply.Photo(usage.chart(ctx.update().language()), StatsTexts.t(ctx, "usage.chart", u.username(),
          usage.days(), Sizes.format(usage.totalBytes())), false));
    } catch (OperationFailedException e) {
      LOG.warn("traffic chart of {} left out: {}", u.username(), e.getMessage());
      return Optional.empty();
    }
  }
}
