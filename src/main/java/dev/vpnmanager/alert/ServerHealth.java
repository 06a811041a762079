package dev.vpnmanager.alert;

/** One server container as the container runtime sees it now. */
public record ServerHealth(String serverName, State state, double cpuPercent, double memoryPercent) {
  /** RUNNING is healthy; anything else is an incident. */
  public enum State { RUNNING, STOPPED, UNHEALTHY, MISSING }

  public boolean down() {
    return state != State.RUNNING;
  }
}
