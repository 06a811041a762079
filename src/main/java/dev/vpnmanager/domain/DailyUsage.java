package dev.vpnmanager.domain;

import io.ebean.annotation.View;
import jakarta.persistence.Entity;

/**
 * What readers see of the daily totals: the view daily_usage, the folded rows of {@link DailyTraffic} and the
 * cycles' rows not yet folded ({@link TrafficLogEntry}) as one UNION ALL, so a key may come more than once and
 * readers sum. One statement reads both, so a fold that commits in between can neither hide rows nor show them
 * twice. Read only.
 */
@Entity
@View(name = "daily_usage", dependentTables = {"daily_traffic", "traffic_log"})
public class DailyUsage extends DayBytes {
}
