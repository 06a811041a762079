package dev.vpnmanager.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** A one-shot button press that has already acted; a replay of the same nonce is refused. */
@Entity
@Table(name = "used_nonce")
public class UsedNonce extends BaseEntity {
  @Column(nullable = false, unique = true, length = 32)
  private String nonce;

  @Column(nullable = false)
  private Instant usedAt;

  public String getNonce() {
    return nonce;
  }

  public void setNonce(String nonce) {
    this.nonce = nonce;
  }

  public Instant getUsedAt() {
    return usedAt;
  }

  public void setUsedAt(Instant usedAt) {
    this.usedAt = usedAt;
  }
}
