package dev.vpnmanager.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/**
 * The counters of one server that one traffic cycle moved, as {@code name TAB value} lines: a cycle that moved
 * a tenth of the counters writes them here instead of rewriting the server's whole {@link TrafficSnapshot} row.
 * The last values are the snapshot row's lines with the patches' lines over them in the order of
 * {@code generation}; the server's generation is the highest of the row's and its patches'. When the patches
 * hold several times the row's lines, the collector writes the whole row again and drops them, in the same
 * transaction. Written by plain JDBC (traffic/TrafficStore).
 */
@Entity
@Table(name = "traffic_patch",
    uniqueConstraints = @UniqueConstraint(columnNames = {"server_name", "generation"}))
public class TrafficPatch {
  @Id
  private Long id;

  @Column(nullable = false, length = 32)
  private String serverName;

  private long generation;

  @Lob
  @Column(nullable = false)
  private String counters;

  public String getServerName() {
    return serverName;
  }

  public long getGeneration() {
    return generation;
  }

  public String getCounters() {
    return counters;
  }
}
