package dev.vpnmanager.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/** A one-time invite that binds a chat to a VPN user. Only the SHA-256 of the token is stored. */
@Entity
@Table(name = "invite_token")
public class InviteToken extends BaseEntity {
  @Column(nullable = false, unique = true, length = 64)
  private String tokenHash;

  @ManyToOne(optional = false)
  private VpnUser user;

  @Column(nullable = false)
  private Instant expiresAt;

  private Instant usedAt;

  public String getTokenHash() {
    return tokenHash;
  }

  public void setTokenHash(String tokenHash) {
    this.tokenHash = tokenHash;
  }

  public VpnUser getUser() {
    return user;
  }

  public void setUser(VpnUser user) {
    this.user = user;
  }

  public Instant getExpiresAt() {
    return expiresAt;
  }

  public void setExpiresAt(Instant expiresAt) {
    this.expiresAt = expiresAt;
  }

  public Instant getUsedAt() {
    return usedAt;
  }

  public void setUsedAt(Instant usedAt) {
    this.usedAt = usedAt;
  }
}
