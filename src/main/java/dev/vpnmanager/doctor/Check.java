package dev.vpnmanager.doctor;

/** One doctor finding: what was checked, how it went, and what to do about it. */
public record Check(String name, Status status, String detail) {
  /** Outcome of a check. */
  public enum Status { OK, WARN, FAIL }

  public String line() {
    String mark = switch (status) {
      case OK -> "[ ok ]";
      case WARN -> "[warn]";
      case FAIL -> "[FAIL]";
    };
    return mark + " " + name + ": " + detail;
  }
}
