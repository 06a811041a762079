package dev.vpnmanager.domain;

import io.ebean.annotation.ConstraintMode;
import io.ebean.annotation.DbForeignKey;
import io.ebean.annotation.Identity;
import io.ebean.annotation.IdentityType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;

/**
 * The bytes counted against a user's quota since their last reset: the one home of that figure, a narrow
 * row per user so the traffic cycle's writes touch few pages (a vpn_user row is wide). Read through
 * {@link VpnUser#getUsedBytes()} (a formula joined in every user query; no row means 0); written by the
 * traffic cycle (traffic/TrafficStore) and otherwise only through user/UsageLedger. Goes with its user.
 */
@Entity
@Table(name = "user_usage")
@Identity(type = IdentityType.APPLICATION)
public class UserUsage {
  @Id
  @Column(name = "user_id")
  private Long userId;

  @OneToOne(optional = false)
  @JoinColumn(name = "user_id", insertable = false, updatable = false)
  @DbForeignKey(onDelete = ConstraintMode.CASCADE)
  private VpnUser user;

  @Column(nullable = false)
  private long usedBytes;

  public Long getUserId() {
    return userId;
  }

  public long getUsedBytes() {
    return usedBytes;
  }
}
