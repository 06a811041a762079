package dev.vpnmanager.domain;

import io.ebean.annotation.WhenModified;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrePersist;
import jakarta.persistence.Version;
import java.time.Instant;

/** Identity, optimistic-lock version and timestamps shared by every entity. */
@MappedSuperclass
public abstract class BaseEntity {
  @Id
  private Long id;

  @Version
  private long version;

  /** Set on first insert unless the caller set it (imports keep the original creation time). */
  @Column(nullable = false)
  private Instant createdAt;

  @WhenModified
  private Instant modifiedAt;

  @PrePersist
  public void stampCreation() {
    if (createdAt == null) {
      createdAt = Instant.now();
    }
  }

  public Long getId() {
    return id;
  }

  /** An id the caller chose before the insert (user ids on SQLite, which are never reused); else the database's. */
  public void setId(Long id) {
    this.id = id;
  }

  public long getVersion() {
    return version;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public void setCreatedAt(Instant createdAt) {
    this.createdAt = createdAt;
  }

  public Instant getModifiedAt() {
    return modifiedAt;
  }
}
