package dev.vpnmanager.server.v2ray;

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

  /**
   * A one-user Shadowsocks inbound: {@code ServerConfig{user = 2 User{email = 2, account = 3}, network = 3
   * [TCP = 2, UDP = 3]}}, {@code Account{password = 1, cipher_type = 2}}. The cipher numbers differ: v2ray 4
   * AES_128_GCM = 1, AES_256_GCM = 2, CHACHA20_POLY1305 = 3; Xray 5, 6, 7.
   */
  public static byte[] shadowsocks(String prefix, String tag, String listen, int port, String email, String method,
                                   String password) {
    int cipher = switch (method) {
      case "aes-128-gcm" -> 1;
      case "aes-256-gcm" -> 2;
      case "chacha20-poly1305", "chacha20-ietf-poly1305" -> 3;
      default -> throw new IllegalArgumentException("unsupported shadowsocks method " + method);
    };
    if (prefix.startsWith("xray")) {
      cipher += 4;
    }
    Pb account = Pb.typed(prefix + "proxy.shadowsocks.Account", Pb.message().string(1, password).uint(2, cipher));
    Pb user = Pb.message().string(2, email).message(3, account);
    Pb config = Pb.message().message(2, user).bytes(3, new byte[] {2, 3});
    return handler(prefix, tag, listen, port, Pb.typed(prefix + "proxy.shadowsocks.ServerConfig", config));
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
