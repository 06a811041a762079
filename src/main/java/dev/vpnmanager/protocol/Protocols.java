package dev.vpnmanager.protocol;

import dev.vpnmanager.common.Names;
import dev.vpnmanager.common.InvalidInputException;
import java.util.Map;
import java.util.TreeMap;
import javax.inject.Inject;
import javax.inject.Singleton;

/** The registered protocol drivers, looked up by name. */
@Singleton
public final class Protocols {
  private final Map<String, ProtocolDriver> drivers;

  @Inject
  public Protocols(Map<String, ProtocolDriver> drivers) {
    this.drivers = new TreeMap<>(drivers);
  }

  public ProtocolDriver require(String id) {
    ProtocolDriver d = id == null ? null : drivers.get(id);
    if (d == null) {
      throw new InvalidInputException("unknown protocol '" + (id == null ? "" : Names.printable(id))
          + "': expected one of " + String.join(", ", drivers.keySet()));
    }
    return d;
  }

  public java.util.Set<String> ids() {
    return drivers.keySet();
  }
}
