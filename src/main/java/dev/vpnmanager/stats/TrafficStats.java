package dev.vpnmanager.stats;

import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.domain.UserStatus;
import dev.vpnmanager.traffic.UsageQueries;
import dev.vpnmanager.user.UserQueries;
import dev.vpnmanager.user.UserRecord;
import dev.vpnmanager.user.UserService;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.inject.Inject;
import javax.inject.Singleton;

/** Reads for `users usage`, `stats`, /usage, the user card and /stats. Days are UTC days, as traffic is counted. */
@Singleton
public final class TrafficStats {
  public static final int DEFAULT_DAYS = 30;
  public static final int MAX_DAYS = 366;
  public static final int TOP = 5;

  private final UsageQueries usage;
  private final UserQueries users;
  private final UserService userService;
  private final Clock clock;

  @Inject
  public TrafficStats(UsageQueries usage, UserQueries users, UserService userService, Clock clock) {
    this.usage = usage;
    this.users = users;
    this.userService = userService;
    this.clock = clock;
  }

  /** A day count as given on a command line or in chat: 1 to 366, else an {@link InvalidInputException}. */
  public static int requireDays(int days) {
    if (days < 1 || days > MAX_DAYS) {
      throw new InvalidInputException("--days must be 1 to " + MAX_DAYS + ", not " + days);
    }
    return days;
  }

  public LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  /** The named user's last {@code days} days, today included. */
  public UserUsage user(String name, int days) {
    requireDays(days);
    return of(userService.show(name), days);
  }

  /** The same for a user already read. */
  public UserUsage of(UserRecord u, int days) {
    requireDays(days);
    LocalDate to = today();
    LocalDate from = to.minusDays(days - 1L);
    Map<LocalDate, Long> got = usage.daily(u.id(), from, to);
    Map<LocalDate, Long> every = new TreeMap<>();
    long total = 0;
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      long b = got.getOrDefault(d, 0L);
      every.put(d, b);
      total += b;
    }
    return new UserUsage(u.username(), from, to, every, total, u.usedBytes(), u.limitBytes());
  }

  /** Users by status, the top {@link #TOP} users of this month, and per-server traffic of the last {@code days}. */
  public StatsOverview overview(int days) {
    requireDays(days);
    LocalDate today = today();
    Map<String, Integer> byStatus = new LinkedHashMap<>();
    users.countByStatus().forEach((s, n) -> byStatus.put(s.code(), n));
    LocalDate monthStart = today.withDayOfMonth(1);
    List<Map.Entry<Long, Long>> ranked = new ArrayList<>(usage.byUser(monthStart, today).entrySet());
    ranked.removeIf(e -> e.getValue() <= 0);
    ranked.sort(Map.Entry.<Long, Long>comparingByValue(Comparator.reverseOrder())
        .thenComparing(Map.Entry.comparingByKey()));
    List<StatsOverview.Top> top = new ArrayList<>();
    for (Map.Entry<Long, Long> e : ranked.subList(0, Math.min(TOP, ranked.size()))) {
      top.add(new StatsOverview.Top(users.nameOf(e.getKey()).orElse("#" + e.getKey() + " (deleted)"), e.getValue()));
    }
    LocalDate from = today.minusDays(days - 1L);
    Map<LocalDate, Map<String, Long>> perDay = usage.dailyByServer(from, today);
    Map<String, Long> totals = new TreeMap<>();
    perDay.values().forEach(m -> m.forEach((s, b) -> totals.merge(s, b, Long::sum)));
    return new StatsOverview(today, byStatus, monthStart, List.copyOf(top), from, perDay, totals);
  }

  /** Statuses in their usual order, for texts. */
  public static List<String> statuses() {
    return java.util.Arrays.stream(UserStatus.values()).map(UserStatus::code).toList();
  }
}
