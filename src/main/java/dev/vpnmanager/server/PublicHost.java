package dev.vpnmanager.server;

import dev.vpnmanager.config.ConfigKeys;
import dev.vpnmanager.config.Settings;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import javax.inject.Inject;
import javax.inject.Singleton;

/** The host client configs point at: VPN_PUBLIC_HOST, else this machine's first global IPv4 address. */
@Singleton
public final class PublicHost {
  private final Settings settings;

  @Inject
  public PublicHost(Settings settings) {
    this.settings = settings;
  }

  public String get() {
    String configured = settings.get(ConfigKeys.PUBLIC_HOST);
    return configured.isBlank() ? detect() : configured;
  }

  public boolean isConfigured() {
    return settings.isSet(ConfigKeys.PUBLIC_HOST);
  }

  static String detect() {
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp() || nic.isLoopback() || nic.getName().startsWith("docker") || nic.getName().startsWith("br-")) {
          continue;
        }
        for (InetAddress a : Collections.list(nic.getInetAddresses())) {
          if (a instanceof Inet4Address && !a.isLinkLocalAddress() && !a.isLoopbackAddress()) {
            return a.getHostAddress();
          }
        }
      }
    } catch (SocketException e) {
      // fall through to loopback
    }
    return "127.0.0.1";
  }
}
