package dev.vpnmanager.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * A user's subscription token, by its SHA-256 only. The token itself is derived (HMAC with the shared key
 * {@code subscription}, a state row, over the user's id, creation time and {@link #generation}), so links can be shown
 * again without storing them; {@code users sub-rotate} moves the generation on and the old link dies.
 * Refers to the user by id, not a foreign key, so the user side stays untouched; a row whose user is gone
 * (or whose id was reused) never matches, because the derivation includes the user's creation time.
 */
@Entity
@Table(name = "subscription_token")
public class SubscriptionToken extends BaseEntity {
  @Column(nullable = false, unique = true)
  private long userId;

  @Column(nullable = false, unique = true, length = 64)
  private String tokenHash;

  private int generation;

  public long getUserId() {
    return userId;
  }

  public void setUserId(long userId) {
    this.userId = userId;
  }

  public String getTokenHash() {
    return tokenHash;
  }

  public void setTokenHash(String tokenHash) {
    this.tokenHash = tokenHash;
  }

  public int getGeneration() {
    return generation;
  }

  public void setGeneration(int generation) {
    this.generation = generation;
  }
}
