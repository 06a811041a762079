package dev.vpnmanager.server.runtime;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.server.ServerDefinitions;
import dev.vpnmanager.server.ServerRow;
import dev.vpnmanager.server.ServerService;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code servers rotate-keys} from end to end: new keys in the database, then a deployed server is rebuilt with
 * them (its running config holds the old ones), then the change is announced so every bound user of the server
 * gets their new config. A restart that fails leaves the new keys in place and says so: the next start uses them.
 */
@Singleton
public final class KeyRotation {
  private static final Logger LOG = LoggerFactory.getLogger(KeyRotation.class);
  private final ServerService service;
  private final ServerContainers containers;
  private final ServerDefinitions definitions;

  /** What became of the server: restarted with the new keys, not deployed (its next start uses them), or failed. */
  public record Result(ServerRow server, boolean restarted, String restartError) {}

  @Inject
  public KeyRotation(ServerService service, ServerContainers containers, ServerDefinitions definitions) {
    this.service = service;
    this.containers = containers;
    this.definitions = definitions;
  }

  /** Refuses a server without keys to rotate (or unknown) before anything changes; returns its user count. */
  public int check(String name) {
    service.checkRotatable(name);
    return service.list().stream().filter(r -> r.name().equals(name)).mapToInt(ServerRow::users).findFirst()
        .orElse(0);
  }

  public Result rotate(Actor actor, String name) {
    boolean[] restarted = {false};
    String[] error = {null};
    ServerRow row = service.rotateKeys(actor, name, () -> {
      if (!definitions.require(name).isDeployed()) {
        return;
      }
      try {
        containers.restart(actor, name);
        restarted[0] = true;
      } catch (RuntimeException e) {
        error[0] = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        LOG.warn("server {} has new keys but did not restart: {}", name, error[0]);
      }
    });
    return new Result(row, restarted[0], error[0]);
  }
}
