package dev.vpnmanager.audit;

/** Who makes a change, and through which channel: recorded in the audit log with every change. */
public record Actor(Channel channel, String id) {
  public static Actor cli() {
    return new Actor(Channel.CLI, System.getProperty("user.name", "cli"));
  }

  public static Actor job(String jobName) {
    return new Actor(Channel.JOB, jobName);
  }
}
