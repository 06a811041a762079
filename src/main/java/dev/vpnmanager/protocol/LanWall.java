package dev.vpnmanager.protocol;

import dev.vpnmanager.common.Cidr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The wall between the data plane and the control plane: destinations no user traffic may reach unless the admin
 * allows a range on purpose (the server's {@link #SETTING}). Loopback (the cores' APIs, ss-manager, anything else
 * on the host), "this network", private, carrier-grade NAT, link-local (cloud metadata) and their IPv6 kin (an
 * IPv4-mapped IPv6 address is matched as IPv4 by the cores, whose config parsers refuse a ::ffff:0:0/96 rule),
 * written out as CIDRs because the images may carry no geoip data. Every server template and container plan
 * renders it: the cores route it to their blackhole, ss-libev gets it as an ACL, WireGuard as iptables rules.
 */
public final class LanWall {
  /** The server setting (comma-separated CIDRs) an admin allows on purpose ({@code --allow-lan}). */
  public static final String SETTING = "allowLan";
  /** Bumped whenever the wall changes: containers planned before carry an older (or no) version label. */
  public static final String VERSION = "1";
  public static final List<String> BLOCKED = List.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
      "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16", "::/128", "::1/128", "fc00::/7",
      "fe80::/10");

  private LanWall() {}

  /** The ranges the admin allowed for this server (validated; empty when none). */
  public static List<Cidr> allowed(ServerSpec server) {
    return Cidr.parseList(server.setting(SETTING, ""));
  }

  /** Canonical text of an allow list for the server's settings; bad input fails with one clear line. */
  public static String canonical(String allowLan) {
    return String.join(",", Cidr.parseList(allowLan).stream().map(Cidr::toString).toList());
  }

  /** Blocked ranges as rules with an allow rule before them take them (the cores): the list as it is. */
  public static List<String> blocked() {
    return BLOCKED;
  }

  public static List<Cidr> blockedCidrs() {
    return BLOCKED.stream().map(Cidr::parse).toList();
  }

  /** Blocked ranges with the allowed ones cut out, for block lists that have no allow rule (ss-libev's ACL). */
  public static List<String> blockedMinus(List<Cidr> allowed) {
    List<String> out = new ArrayList<>();
    for (String b : BLOCKED) {
      Cidr.parse(b).minus(allowed).forEach(c -> out.add(c.toString()));
    }
    return out;
  }

  /** Template variables: {@code blocked} (list) and {@code allowLan} (list, maybe empty). */
  public static Map<String, Object> variables(ServerSpec server) {
    Map<String, Object> v = new HashMap<>();
    v.put("blocked", blocked());
    v.put("allowLan", allowed(server).stream().map(Cidr::toString).toList());
    return v;
  }
}
