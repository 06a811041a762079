package dev.vpnmanager.domain;

import io.ebean.annotation.DbDefault;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A named offer users are created from: protocol, traffic limit, days of validity, quota reset. */
@Entity
@Table(name = "plan")
public class Plan extends BaseEntity {
  @Column(nullable = false, unique = true, length = 32)
  private String name;

  @Column(nullable = false, length = 32)
  private String protocol;

  private long limitBytes;

  /** Days a new user of the plan is valid; 0 = never expires. */
  private int days;

  @Column(nullable = false, length = 16)
  private ResetStrategy resetStrategy = ResetStrategy.NONE;

  @DbDefault("0")
  private int resetDay;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getProtocol() {
    return protocol;
  }

  public void setProtocol(String protocol) {
    this.protocol = protocol;
  }

  public long getLimitBytes() {
    return limitBytes;
  }

  public void setLimitBytes(long limitBytes) {
    this.limitBytes = limitBytes;
  }

  public int getDays() {
    return days;
  }

  public void setDays(int days) {
    this.days = days;
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
}
