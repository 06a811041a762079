package dev.vpnmanager.docker;

import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.config.ConfigKey;
import dev.vpnmanager.config.ConfigKeys;
import dev.vpnmanager.config.Settings;
import java.util.Map;
import java.util.TreeMap;
import javax.inject.Inject;
import javax.inject.Singleton;

/** The container image each protocol runs in: configuration key images.PROTOCOL (VPN_IMAGES_PROTOCOL). */
@Singleton
public final class Images {
  private static final String PREFIX = "images.";
  private final Settings settings;

  @Inject
  public Images(Settings settings) {
    this.settings = settings;
  }

  public String forProtocol(String protocol) {
    ConfigKey key = ConfigKeys.byPath().get(PREFIX + protocol);
    if (key == null || !settings.isSet(key)) {
      throw new InvalidInputException("no container image configured for protocol '" + protocol
          + "': set " + PREFIX + protocol);
    }
    return settings.get(key);
  }

  /**
   * The image of a server of this protocol on this core: {@code images.PROTOCOL-CORE} where such a key exists
   * ({@code images.shadowsocks-xray}), else {@code images.PROTOCOL}.
   */
  public String forProtocol(String protocol, String core) {
    return core != null && ConfigKeys.byPath().containsKey(PREFIX + protocol + "-" + core)
        ? forProtocol(protocol + "-" + core) : forProtocol(protocol);
  }

  /** Protocol -> image, for every images.* key. */
  public Map<String, String> all() {
    Map<String, String> out = new TreeMap<>();
    for (ConfigKey k : ConfigKeys.all()) {
      if (k.path().startsWith(PREFIX) && settings.isSet(k)) {
        out.put(k.path().substring(PREFIX.length()), settings.get(k));
      }
    }
    return out;
  }
}
