package dev.vpnmanager.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/** Small durable key-value state (sync tokens, last-seen counters, schedule state). */
@Entity
@Table(name = "state_entry")
public class StateEntry extends BaseEntity {
  @Column(name = "state_key", nullable = false, unique = true, length = 128)
  private String key;

  @Lob
  private String value;

  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }

  public String getValue() {
    return value;
  }

  public void setValue(String value) {
    this.value = value;
  }
}
