package dev.vpnmanager.server.runtime;

import dev.vpnmanager.common.InvalidInputException;
import java.util.List;

/**
 * A new server's core that its protocol or node does not allow, refused before any side effect. The message is
 * the command line's; a chat handler words it from {@link #protocol}, {@link #core} and {@link #allowed}.
 */
public final class CoreNotAllowedException extends InvalidInputException {
  private final String protocol;
  private final String core;
  private final List<String> allowed;

  CoreNotAllowedException(String message, String protocol, String core, List<String> allowed) {
    super(message);
    this.protocol = protocol;
    this.core = core;
    this.allowed = List.copyOf(allowed);
  }

  public String protocol() {
    return protocol;
  }

  /** The core asked for, as given (may hold anything a person typed: show it through Names.printable). */
  public String core() {
    return core;
  }

  /** The cores that would do, the default first; empty when the protocol has no core to choose. */
  public List<String> allowed() {
    return allowed;
  }
}
