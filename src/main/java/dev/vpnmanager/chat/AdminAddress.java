package dev.vpnmanager.chat;

import java.util.List;
import java.util.Locale;

/** One entry of VPN_ADMINS (telegram:12345, matrix:@user:server) as platform and user id. */
public record AdminAddress(Platform platform, String userId) {
  public static AdminAddress parse(String entry) {
    int colon = entry.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("not an admin address: " + entry);
    }
    return new AdminAddress(Platform.valueOf(entry.substring(0, colon).toUpperCase(Locale.ROOT)),
        entry.substring(colon + 1));
  }

  public static List<AdminAddress> parseAll(List<String> entries) {
    return entries.stream().map(AdminAddress::parse).toList();
  }
}
