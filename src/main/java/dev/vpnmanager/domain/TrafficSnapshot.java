package dev.vpnmanager.domain;

import io.ebean.annotation.DbDefault;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/**
 * The last absolute counter values seen on one server, in the epoch they count from (the container's start
 * time), as ONE row: {@code counters} holds {@code name TAB value} lines, one per counter key. Traffic deltas
 * are computed against it and it is rewritten in the same transaction as the deltas, so a crash never loses
 * or repeats traffic. One row per server instead of one per user: a cycle writes one row, not 100,000.
 * Written by plain JDBC (see traffic/TrafficStore), hence no version or timestamp columns.
 */
@Entity
@Table(name = "traffic_snapshot")
public class TrafficSnapshot {
  @Id
  private Long id;

  @Column(nullable = false, length = 32, unique = true)
  private String serverName;

  @Column(nullable = false, length = 128)
  private String epoch;

  /**
   * Counts the row's writes: a collector keeps the last values in memory between cycles and trusts them only
   * while the row still has the generation it wrote.
   */
  @DbDefault("0")
  @Column(nullable = false)
  private long generation;

  @Lob
  @Column(nullable = false)
  private String counters;

  public Long getId() {
    return id;
  }

  public String getServerName() {
    return serverName;
  }

  public String getEpoch() {
    return epoch;
  }

  public long getGeneration() {
    return generation;
  }

  public String getCounters() {
    return counters;
  }
}
