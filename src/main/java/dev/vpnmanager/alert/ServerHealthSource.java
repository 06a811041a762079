package dev.vpnmanager.alert;

import java.util.List;

/**
 * The state, CPU and memory of every deployed server's container. Implemented (and bound, optionally) by the
 * container side; without a binding the health watch has nothing to look at.
 */
public interface ServerHealthSource {
  List<ServerHealth> poll();
}
