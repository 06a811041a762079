package dev.vpnmanager.protocol.wireguard;

import dev.vpnmanager.common.InvalidInputException;
import java.util.Set;

/** IPv4 client addresses in a subnet: .0 is the network, .1 the server, the last the broadcast address. */
public record AddressPool(int network, int prefix) {

  public static AddressPool parse(String cidr) {
    String[] parts = cidr.split("/");
    if (parts.length != 2) {
      throw new InvalidInputException("invalid subnet '" + cidr + "': expected a.b.c.d/prefix");
    }
    int prefix = Integer.parseInt(parts[1]);
    if (prefix < 16 || prefix > 30) {
      throw new InvalidInputException("subnet prefix /" + prefix + " must be between /16 and /30");
    }
    int mask = -1 << (32 - prefix);
    return new AddressPool(toInt(parts[0]) & mask, prefix);
  }

  /** The server's own address in the subnet. */
  public String serverAddress() {
    return toText(network + 1);
  }

  /** The lowest free client address; a clear error when the pool is exhausted. */
  public String allocate(Set<String> used) {
    int size = 1 << (32 - prefix);
    for (int i = 2; i < size - 1; i++) {
      String candidate = toText(network + i);
      if (!used.contains(candidate)) {
        return candidate;
      }
    }
    throw new InvalidInputException("address pool " + toText(network) + "/" + prefix
        + " is exhausted: " + (size - 3) + " clients in use");
  }

  public boolean contains(String address) {
    int mask = -1 << (32 - prefix);
    return (toInt(address) & mask) == network;
  }

  static int toInt(String ip) {
    String[] o = ip.split("\\.");
    if (o.length != 4) {
      throw new InvalidInputException("invalid IPv4 address '" + ip + "'");
    }
    int v = 0;
    for (String s : o) {
      int n = Integer.parseInt(s);
      if (n < 0 || n > 255) {
        throw new InvalidInputException("invalid IPv4 address '" + ip + "'");
      }
      v = (v << 8) | n;
    }
    return v;
  }

  static String toText(int v) {
    return ((v >>> 24) & 0xff) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
  }
}
