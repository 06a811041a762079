package dev.vpnmanager.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** An admin API bearer token, by its SHA-256 only; shown once when created. */
@Entity
@Table(name = "api_token")
public class ApiToken extends BaseEntity {
  @Column(nullable = false, unique = true, length = 32)
  private String name;

  @Column(nullable = false, unique = true, length = 64)
  private String tokenHash;

  private boolean readOnly;

  private Instant lastUsedAt;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getTokenHash() {
    return tokenHash;
  }

  public void setTokenHash(String tokenHash) {
    this.tokenHash = tokenHash;
  }

  public boolean isReadOnly() {
    return readOnly;
  }

  public void setReadOnly(boolean readOnly) {
    this.readOnly = readOnly;
  }

  public Instant getLastUsedAt() {
    return lastUsedAt;
  }

  public void setLastUsedAt(Instant lastUsedAt) {
    this.lastUsedAt = lastUsedAt;
  }
}
