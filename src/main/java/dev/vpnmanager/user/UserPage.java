package dev.vpnmanager.user;

import java.util.List;

/** One page of the user list; {@code page} counts from 0. */
public record UserPage(List<UserRecord> users, int page, int pageSize, int total) {
  public int pages() {
    return Math.max(1, (total + pageSize - 1) / pageSize);
  }
}
