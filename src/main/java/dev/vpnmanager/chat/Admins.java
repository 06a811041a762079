package dev.vpnmanager.chat;

import dev.vpnmanager.config.ConfigKeys;
import dev.vpnmanager.config.Settings;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/** The admins named in VPN_ADMINS, parsed once: the first one is the owner (daily backups go there). */
@Singleton
public final class Admins {
  private final List<AdminAddress> all;

  @Inject
  public Admins(Settings settings) {
    this(AdminAddress.parseAll(settings.list(ConfigKeys.ADMINS)));
  }

  public Admins(List<AdminAddress> all) {
    this.all = List.copyOf(all);
  }

  public List<AdminAddress> all() {
    return all;
  }

  public Optional<AdminAddress> owner() {
    return all.stream().findFirst();
  }

  public boolean isAdmin(Platform platform, String userId) {
    return userId != null && all.contains(new AdminAddress(platform, userId));
  }

  /** The user ids of the admins on one platform. */
  public List<String> idsOn(Platform platform) {
    return all.stream().filter(a -> a.platform() == platform).map(AdminAddress::userId).toList();
  }
}
