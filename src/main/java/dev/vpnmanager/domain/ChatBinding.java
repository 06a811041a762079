package dev.vpnmanager.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/** A chat (Telegram chat, Matrix room or user) bound to a VPN user through an invite. */
@Entity
@Table(name = "chat_binding", uniqueConstraints = @UniqueConstraint(columnNames = {"platform", "chat_id"}))
public class ChatBinding extends BaseEntity {
  @Column(nullable = false, length = 16)
  private String platform;

  @Column(nullable = false, length = 255)
  private String chatId;

  @ManyToOne(optional = false)
  private VpnUser user;

  @Column(length = 8)
  private String language;

  public String getPlatform() {
    return platform;
  }

  public void setPlatform(String platform) {
    this.platform = platform;
  }

  public String getChatId() {
    return chatId;
  }

  public void setChatId(String chatId) {
    this.chatId = chatId;
  }

  public VpnUser getUser() {
    return user;
  }

  public void setUser(VpnUser user) {
    this.user = user;
  }

  public String getLanguage() {
    return language;
  }

  public void setLanguage(String language) {
    this.language = language;
  }
}
