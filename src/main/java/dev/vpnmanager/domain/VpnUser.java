package dev.vpnmanager.domain;

import io.ebean.annotation.DbDefault;
import io.ebean.annotation.Formula;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;

/** A person's VPN account on one server with one protocol. */
@Entity
@Table(name = "vpn_user", indexes = {
    @Index(name = "ix_vpn_user_status", columnList = "status"),
    @Index(name = "ix_vpn_user_expires_at", columnList = "expires_at"),
    @Index(name = "ix_vpn_user_next_reset_at", columnList = "next_reset_at"),
    @Index(name = "ix_vpn_user_status_expires_at", columnList = "status,expires_at")})
public class VpnUser extends BaseEntity {
  @Column(nullable = false, unique = true, length = 32)
  private String username;

  @Column(nullable = false, length = 32)
  private String protocol;

  @ManyToOne
  private VpnServer server;

  /** Protocol credentials as a JSON object (uuid, password, keys ...); see {@code protocol.Credentials}. */
  @Lob
  @Column(nullable = false)
  private String credentials;

  @Column(nullable = false, length = 16)
  private UserStatus status = UserStatus.ACTIVE;

  @Column(length = 200)
  private String statusReason;

  private long limitBytes;

  /** Bytes counted against the quota since the last reset; lives in user_usage (see {@link UserUsage}). */
  @Formula(select = "coalesce(_uu${ta}.used_bytes, 0)",
      join = "left join user_usage _uu${ta} on _uu${ta}.user_id = ${ta}.id")
  private long usedBytes;

  /** The figure just written through user/UsageLedger, shown without marking the formula above dirty. */
  @Transient
  private Long usedBytesWritten;

  private Instant expiresAt;

  @Column(length = 254)
  private String email;

  @Column(length = 1000)
  private String note;

  @Column(nullable = false, length = 16)
  private ResetStrategy resetStrategy = ResetStrategy.NONE;

  /** Day of the month (1-31, capped at the month's length) or of the week (1 = Monday) the quota resets on. */
  @DbDefault("0")
  private int resetDay;

  /** When the traffic quota resets next; null for the strategy none. */
  private Instant nextResetAt;

  public String getUsername() {
    return username;
  }

  public void setUsername(String username) {
    this.username = username;
  }

  public String getProtocol() {
    return protocol;
  }

  public void setProtocol(String protocol) {
    this.protocol = protocol;
  }

  public VpnServer getServer() {
    return server;
  }

  public void setServer(VpnServer server) {
    this.server = server;
  }

  public String getCredentials() {
    return credentials;
  }

  public void setCredentials(String credentials) {
    this.credentials = credentials;
  }

  public UserStatus getStatus() {
    return status;
  }

  public void setStatus(UserStatus status) {
    this.status = status;
  }

  public String getStatusReason() {
    return statusReason;
  }

  public void setStatusReason(String statusReason) {
    this.statusReason = statusReason;
  }

  public long getLimitBytes() {
    return limitBytes;
  }

  public void setLimitBytes(long limitBytes) {
    this.limitBytes = limitBytes;
  }

  public long getUsedBytes() {
    return usedBytesWritten != null ? usedBytesWritten : usedBytes;
  }

  /** In memory only: the figure is written through user/UsageLedger (or added to by the traffic cycle). */
  public void setUsedBytes(long usedBytes) {
    this.usedBytesWritten = usedBytes;
  }

  public Instant getExpiresAt() {
    return expiresAt;
  }

  public void setExpiresAt(Instant expiresAt) {
    this.expiresAt = expiresAt;
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public String getNote() {
    return note;
  }

  public void setNote(String note) {
    this.note = note;
  }

  public ResetStrategy getResetStrategy() {
    return resetStrategy;
  }

  public void setResetStrategy(ResetStrategy resetStrategy) {
    this.resetStrategy = resetStrategy;
  }

  public int getResetDay() {
    return resetDay;
  }

  public void setResetDay(int resetDay) {
    this.resetDay = resetDay;
  }

  public Instant getNextResetAt() {
    return nextResetAt;
  }

  public void setNextResetAt(Instant nextResetAt) {
    this.nextResetAt = nextResetAt;
  }
}
