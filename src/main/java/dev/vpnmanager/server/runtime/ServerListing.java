package dev.vpnmanager.server.runtime;

import java.util.List;
import java.util.Optional;

/**
 * Every server definition with its container, for lists that must work without a Docker engine: when the engine
 * cannot be reached, {@code engineProblem} says why, and no server has a container state (it is unknown, not
 * missing).
 */
public record ServerListing(List<ServerStatus> servers, Optional<String> engineProblem) {
  public ServerListing {
    servers = List.copyOf(servers);
  }

  public boolean stateUnknown() {
    return engineProblem.isPresent();
  }

  /** The state word of a server in this listing: "unknown" without an engine, else its container's summary. */
  public String summary(ServerStatus s) {
    return stateUnknown() ? "unknown" : s.summary();
  }
}
