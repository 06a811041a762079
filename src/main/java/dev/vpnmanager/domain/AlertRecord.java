package dev.vpnmanager.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One alert, recorded before it is sent: the unique {@code alertKey} makes raising the same alert twice a
 * no-op (also across restarts), and {@code sentAt} stays null until a transport took it, so an alert that a
 * crash or a transport failure interrupted is sent later, once.
 */
@Entity
@Table(name = "alert_record")
public class AlertRecord extends BaseEntity {
  @Column(nullable = false, unique = true, length = 200)
  private String alertKey;

  /** user:NAME, admins or owner. */
  @Column(nullable = false, length = 64)
  private String recipient;

  @Column(nullable = false, length = 64)
  private String messageKey;

  /** The message arguments as a JSON array of strings. */
  @Lob
  @Column(nullable = false)
  private String args = "[]";

  private Instant raisedAt;

  private Instant sentAt;

  public String getAlertKey() {
    return alertKey;
  }

  public void setAlertKey(String alertKey) {
    this.alertKey = alertKey;
  }

  public String getRecipient() {
    return recipient;
  }

  public void setRecipient(String recipient) {
    this.recipient = recipient;
  }

  public String getMessageKey() {
    return messageKey;
  }

  public void setMessageKey(String messageKey) {
    this.messageKey = messageKey;
  }

  public String getArgs() {
    return args;
  }

  public void setArgs(String args) {
    this.args = args;
  }

  public Instant getRaisedAt() {
    return raisedAt;
  }

  public void setRaisedAt(Instant raisedAt) {
    this.raisedAt = raisedAt;
  }

  public Instant getSentAt() {
    return sentAt;
  }

  public void setSentAt(Instant sentAt) {
    this.sentAt = sentAt;
  }
}
