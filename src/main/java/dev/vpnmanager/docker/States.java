package dev.vpnmanager.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Maps docker-java's inspect answer to a {@link ContainerState}. */
final class States {
  private States() {}

  static ContainerState of(InspectContainerResponse r) {
    InspectContainerResponse.ContainerState s = r.getState();
    String name = r.getName() != null && r.getName().startsWith("/") ? r.getName().substring(1) : r.getName();
    String health = s.getHealth() == null || s.getHealth().getStatus() == null ? "none" : s.getHealth().getStatus();
    Long exit = s.getExitCodeLong();
    Map<String, String> labels = r.getConfig() == null || r.getConfig().getLabels() == null ? Map.of()
        : Map.copyOf(r.getConfig().getLabels());
    return new ContainerState(r.getId(), name, r.getConfig() == null ? "" : r.getConfig().getImage(),
        s.getStatus(), Boolean.TRUE.equals(s.getRunning()), health, instant(s.getStartedAt()),
        r.getRestartCount() == null ? 0 : r.getRestartCount(), exit == null ? null : exit.intValue(), labels);
  }

  private static Instant instant(String iso) {
    if (iso == null || iso.startsWith("0001-")) {
      return null;
    }
    try {
      return Instant.parse(iso);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
