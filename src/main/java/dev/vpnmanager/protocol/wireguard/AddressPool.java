package dev.vpnmanager.protocol.wireguard;

import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.common.Names;
import dev.vpnmanager.protocol.Slots;

/** IPv4 client addresses in a subnet: .0 is the network, .1 the server, the last the broadcast address. */
public record AddressPool(int network, int prefix) {

  public static AddressPool parse(String cidr) {
    String text = cidr == null ? "" : cidr.trim();
    String[] parts = text.split("/");
    if (parts.length != 2 || !parts[1].matches("\\d{1,2}")) {
      throw new InvalidInputException("invalid subnet '" + Names.printable(text) + "': expected a.b.c.d/prefix");
    }
    int prefix = Integer.parseInt(parts[1]);
    if (prefix < 16 || prefix > 30) {
      throw new InvalidInputException("subnet prefix /" + prefix + " must be between /16 and /30");
    }
    int mask = -1 << (32 - prefix);
    return new AddressPool(toInt(parts[0]) & mask, prefix);
  }

  public String cidr() {
    return toText(network) + "/" + prefix;
  }

  /** The server's own address in the subnet. */
  public String serverAddress() {
    return toText(network + 1);
  }

  /** The lowest free client address; a clear error when the pool is exhausted. */
  public String allocate(Slots used) {
    int size = 1 << (32 - prefix);
    int i = used.lowestFree("address " + cidr(), 2, size - 2, k -> toText(network + k));
    if (i >= 0) {
      return toText(network + i);
    }
    throw new InvalidInputException("address pool " + cidr() + " is exhausted: all " + (size - 3)
        + " client addresses are in use");
  }

  /** One client address of this pool (not the network, the server's .1 or the broadcast address); else refused. */
  public String requireClientAddress(String address) {
    String a = address == null ? "" : address;
    if (!a.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      throw new InvalidInputException("address '" + Names.printable(a) + "' is not one IPv4 address");
    }
    int v = toInt(a);
    int size = 1 << (32 - prefix);
    if (!contains(a)) {
      throw new InvalidInputException("address " + a + " is outside the server's subnet " + cidr());
    }
    if (v == network || v == network + 1 || v == network + size - 1) {
      throw new InvalidInputException("address " + a + " is the network's, the server's or the broadcast address");
    }
    return a;
  }

  public boolean contains(String address) {
    int mask = -1 << (32 - prefix);
    return (toInt(address) & mask) == network;
  }

  static int toInt(String ip) {
    String[] o = ip.split("\\.", -1);
    if (o.length != 4) {
      throw new InvalidInputException("invalid IPv4 address '" + Names.printable(ip) + "'");
    }
    int v = 0;
    for (String s : o) {
      if (!s.matches("\\d{1,3}") || Integer.parseInt(s) > 255) {
        throw new InvalidInputException("invalid IPv4 address '" + Names.printable(ip) + "'");
      }
      v = (v << 8) | Integer.parseInt(s);
    }
    return v;
  }

  static String toText(int v) {
    return ((v >>> 24) & 0xff) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
  }
}
