package dev.vpnmanager.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/**
 * The last absolute counter value seen for one user key on one server. Traffic deltas are computed against it
 * and it is advanced in the same transaction as the deltas, so a crash never loses or repeats traffic.
 * Written in bulk by plain JDBC batches (10,000+ rows a cycle), hence no version or timestamp columns.
 */
@Entity
@Table(name = "traffic_counter",
    uniqueConstraints = @UniqueConstraint(columnNames = {"server_name", "counter_key"}))
public class TrafficCounter {
  @Id
  private Long id;

  @Column(nullable = false, length = 32)
  private String serverName;

  @Column(nullable = false, length = 128)
  private String counterKey;

  private long lastValue;

  public Long getId() {
    return id;
  }

  public String getServerName() {
    return serverName;
  }

  public String getCounterKey() {
    return counterKey;
  }

  public long getLastValue() {
    return lastValue;
  }
}
