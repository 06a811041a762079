package dev.vpnmanager.domain;

import io.ebean.annotation.WhenCreated;
import io.ebean.annotation.WhenModified;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;
import java.time.Instant;

/** Identity, optimistic-lock version and timestamps shared by every entity. */
@MappedSuperclass
public abstract class BaseEntity {
  @Id
  private Long id;

  @Version
  private long version;

  @WhenCreated
  private Instant createdAt;

  @WhenModified
  private Instant modifiedAt;

  public Long getId() {
    return id;
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
