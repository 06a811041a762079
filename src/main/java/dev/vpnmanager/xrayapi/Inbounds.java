package dev.vpnmanager.xrayapi;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * Encodes the {@code InboundHandlerConfig} of a socks or http inbound with password accounts, for
 * {@link XrayApi#addInbound}: {@code {tag = 1, receiver_settings = 2, proxy_settings = 3}}. The receiver differs
 * between the cores ({@code port_range = 1} in v2ray 4, {@code port_list = 1} of ranges in Xray).
 */
public final class Inbounds {
  private Inbounds() {}

  /** A SOCKS5 inbound: {@code ServerConfig{auth_type = 1 (PASSWORD), accounts = 2 map, udp_enabled = 4}}. */
  public static byte[] socks(String prefix, String tag, String listen, int port, Map<String, String> accounts) {
    Pb config = Pb.message().uint(1, 1);
    accounts.forEach((user, pass) -> config.message(2, Pb.message().string(1, user).string(2, pass)));
    return handler(prefix, tag, listen, port, Pb.typed(prefix + "proxy.socks.ServerConfig", config));
  }

  /** An HTTP proxy inbound: {@code ServerConfig{accounts = 2 map, allow_transparent = 3}}. */
  public static byte[] http(String prefix, String tag, String listen, int port, Map<String, String> accounts) {
    Pb config = Pb.message();
    accounts.forEach((user, pass) -> config.message(2, Pb.message().string(1, user).string(2, pass)));
    return handler(prefix, tag, listen, port, Pb.typed(prefix + "proxy.http.ServerConfig", config));
  }

  private static byte[] handler(String prefix, String tag, String listen, int port, Pb proxy) {
    Pb range = Pb.message().uint(1, port).uint(2, port);
    Pb receiver = prefix.startsWith("xray") ? Pb.message().message(1, Pb.message().message(1, range))
        : Pb.message().message(1, range);
    byte[] ip = address(listen);
    if (ip != null) {
      receiver.message(2, Pb.message().bytes(1, ip));
    }
    return Pb.message().string(1, tag)
        .message(2, Pb.typed(prefix + "app.proxyman.ReceiverConfig", receiver))
        .message(3, proxy).toBytes();
  }

  /** The listen address as raw IP bytes; null for "all addresses" (the core's default). */
  private static byte[] address(String listen) {
    if (listen == null || listen.isBlank() || listen.equals("0.0.0.0") || listen.equals("::")) {
      return null;
    }
    try {
      return InetAddress.getByName(listen).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("listen address must be an IP literal: " + listen, e);
    }
  }
}
