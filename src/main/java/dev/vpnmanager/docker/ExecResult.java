package dev.vpnmanager.docker;

/** What a command run inside a container printed, and its exit code. */
public record ExecResult(int exitCode, String stdout, String stderr) {
  public boolean ok() {
    return exitCode == 0;
  }
}
