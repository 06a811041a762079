package dev.vpnmanager.server.live;

import java.util.List;

/**
 * One running server compared with the database: users it lacked (added), users it served that it should not
 * (removed), and what could not be fixed (null when everything was).
 */
public record Drift(String server, List<String> missing, List<String> stray, String error) {
  public Drift {
    missing = List.copyOf(missing);
    stray = List.copyOf(stray);
  }

  public boolean none() {
    return missing.isEmpty() && stray.isEmpty() && error == null;
  }

  /** One line for the log and doctor. */
  public String summary() {
    if (none()) {
      return "in sync with the database";
    }
    StringBuilder b = new StringBuilder();
    if (!missing.isEmpty()) {
      b.append("added missing ").append(String.join(", ", missing));
    }
    if (!stray.isEmpty()) {
      b.append(b.length() > 0 ? "; " : "").append("removed stray ").append(String.join(", ", stray));
    }
    if (error != null) {
      b.append(b.length() > 0 ? "; " : "").append("not fixed: ").append(error);
    }
    return b.toString();
  }
}
