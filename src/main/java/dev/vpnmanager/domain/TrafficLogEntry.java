package dev.vpnmanager.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Bytes one traffic cycle counted for one user on one server and UTC day, not yet folded into
 * {@link DailyTraffic}. A cycle only appends these rows (cheap: they land on the table's last pages), instead of
 * updating one daily row per changed user (each update dirties another page of a large table); the fold moves
 * them into daily_traffic in batches (traffic/TrafficFold). Readers see both through {@link DailyUsage}.
 */
@Entity
@Table(name = "traffic_log")
public class TrafficLogEntry extends DayBytes {
  @Id
  private Long id;

  public Long getId() {
    return id;
  }
}
