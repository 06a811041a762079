package dev.vpnmanager.node;

/** A node as `nodes list|status` shows it: where, whether it answers, its engine, how many servers it holds. */
public record NodeStatus(String name, String endpoint, String publicHost, int servers, boolean reachable,
                         String engineVersion, String apiVersion, String error) {
  public String summary() {
    return reachable ? "up, engine " + engineVersion + " (API " + apiVersion + "), " + servers + " server(s)"
        : "DOWN (" + error + "), " + servers + " server(s)";
  }
}
