package dev.vpnmanager.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One outgoing message to one chat (an alert, a warning, a backup, a broadcast), stored before it is sent and
 * marked sent only once the platform accepted all of it. {@code progress} counts the platform calls of the
 * message already accepted (a long text is several), so a resumed message continues after them. A sender holds
 * the row by its lease while the message is on its way; an expired lease means the sender died and the row is
 * taken up again. The text may hold a client config: the table is protected like the rest of the database, and
 * sent rows are deleted after a retention.
 */
@Entity
@Table(name = "outbox_message", indexes = {
    @Index(name = "ix_outbox_message_status_next_attempt_at", columnList = "status,next_attempt_at"),
    @Index(name = "ix_outbox_message_ref", columnList = "ref")})
public class OutboxMessage extends BaseEntity {
  /** telegram or matrix. */
  @Column(nullable = false, length = 16)
  private String platform;

  /** A chat (room) id, or with {@code person} a person's id on the platform (their private chat). */
  @Column(nullable = false, length = 255)
  private String target;

  private boolean person;

  /** alert, warning, backup, broadcast or config. */
  @Column(nullable = false, length = 16)
  private String kind;

  /** What the message belongs to: the alert key, the broadcast, the backup file name. */
  @Column(length = 200)
  private String ref;

  @Lob
  private String text;

  /** A file to send as a document (a backup), read when it is sent. */
  @Column(length = 1000)
  private String filePath;

  @Column(nullable = false, length = 8)
  private OutboxStatus status = OutboxStatus.PENDING;

  private int progress;

  private int attempts;

  @Column(nullable = false)
  private Instant nextAttemptAt;

  private Instant leaseUntil;

  @Column(length = 64)
  private String leaseOwner;

  @Column(length = 500)
  private String lastError;

  private Instant sentAt;

  public String getPlatform() {
    return platform;
  }

  public void setPlatform(String platform) {
    this.platform = platform;
  }

  public String getTarget() {
    return target;
  }

  public void setTarget(String target) {
    this.target = target;
  }

  public boolean isPerson() {
    return person;
  }

  public void setPerson(boolean person) {
    this.person = person;
  }

  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  public String getRef() {
    return ref;
  }

  public void setRef(String ref) {
    this.ref = ref;
  }

  public String getText() {
    return text;
  }

  public void setText(String text) {
    this.text = text;
  }

  public String getFilePath() {
    return filePath;
  }

  public void setFilePath(String filePath) {
    this.filePath = filePath;
  }

  public OutboxStatus getStatus() {
    return status;
  }

  public void setStatus(OutboxStatus status) {
    this.status = status;
  }

  public int getProgress() {
    return progress;
  }

  public void setProgress(int progress) {
    this.progress = progress;
  }

  public int getAttempts() {
    return attempts;
  }

  public void setAttempts(int attempts) {
    this.attempts = attempts;
  }

  public Instant getNextAttemptAt() {
    return nextAttemptAt;
  }

  public void setNextAttemptAt(Instant nextAttemptAt) {
    this.nextAttemptAt = nextAttemptAt;
  }

  public Instant getLeaseUntil() {
    return leaseUntil;
  }

  public void setLeaseUntil(Instant leaseUntil) {
    this.leaseUntil = leaseUntil;
  }

  public String getLeaseOwner() {
    return leaseOwner;
  }

  public void setLeaseOwner(String leaseOwner) {
    this.leaseOwner = leaseOwner;
  }

  public String getLastError() {
    return lastError;
  }

  public void setLastError(String lastError) {
    this.lastError = lastError;
  }

  public Instant getSentAt() {
    return sentAt;
  }

  public void setSentAt(Instant sentAt) {
    this.sentAt = sentAt;
  }
}
