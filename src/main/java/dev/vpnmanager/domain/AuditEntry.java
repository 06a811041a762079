package dev.vpnmanager.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/** One change: who did what to which object, when, and through which channel. */
@Entity
@Table(name = "audit_entry", indexes = @Index(name = "ix_audit_entry_at", columnList = "at"))
public class AuditEntry extends BaseEntity {
  @Column(nullable = false)
  private Instant at;

  @Column(nullable = false, length = 16)
  private String channel;

  @Column(nullable = false, length = 255)
  private String actor;

  @Column(nullable = false, length = 64)
  private String action;

  @Column(length = 64)
  private String target;

  @Column(length = 1000)
  private String detail;

  public Instant getAt() {
    return at;
  }

  public void setAt(Instant at) {
    this.at = at;
  }

  public String getChannel() {
    return channel;
  }

  public void setChannel(String channel) {
    this.channel = channel;
  }

  public String getActor() {
    return actor;
  }

  public void setActor(String actor) {
    this.actor = actor;
  }

  public String getAction() {
    return action;
  }

  public void setAction(String action) {
    this.action = action;
  }

  public String getTarget() {
    return target;
  }

  public void setTarget(String target) {
    this.target = target;
  }

  public String getDetail() {
    return detail;
  }

  public void setDetail(String detail) {
    this.detail = detail;
  }
}
