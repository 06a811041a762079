package dev.vpnmanager.notify;

import dev.vpnmanager.event.DomainEvent;
import dev.vpnmanager.event.EventSubscriber;
import dev.vpnmanager.server.ServerEvent;
import dev.vpnmanager.server.ServerUsers;
import dev.vpnmanager.storage.Tx;
import dev.vpnmanager.user.UserEvent;
import dev.vpnmanager.user.binding.ChatBindings;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rotations reach people: after {@code users rotate} the chats bound to that user, after {@code servers
 * rotate-keys} the chats bound to every user of that server, get the new config (made when sent) through the
 * durable outbox, after a line saying why. Users without a bound chat cause nothing.
 */
@Singleton
public final class RotatedConfigs implements EventSubscriber {
  static final String USER_ROTATED = "user.rotated";
  static final String SERVER_ROTATED = "user.server-keys-rotated";
  private static final Logger LOG = LoggerFactory.getLogger(RotatedConfigs.class);
  private final Tx tx;
  private final Notifier notifier;
  private final ChatBindings bindings;

  @Inject
  public RotatedConfigs(Tx tx, Notifier notifier, ChatBindings bindings) {
    this.tx = tx;
    this.notifier = notifier;
    this.bindings = bindings;
  }

  @Override
  public void on(DomainEvent event) {
    if (event instanceof UserEvent u && u.kind() == UserEvent.Kind.ROTATED) {
      String name = u.snapshot().username();
      int n = tx.write(txn -> notifier.configToUser(txn, name, USER_ROTATED));
      LOG.info("new config of user {} stored for {} chat(s)", name, n);
    } else if (event instanceof ServerEvent s && s.kind() == ServerEvent.Kind.KEYS_ROTATED) {
      Set<String> users = new HashSet<>(ServerUsers.names(tx.db(), s.serverName(), false));
      Set<String> bound = bindings.all().stream().map(ChatBindings.BoundChat::username).filter(users::contains)
          .collect(Collectors.toCollection(LinkedHashSet::new));
      int n = tx.write(txn -> bound.stream().mapToInt(name -> notifier.configToUser(txn, name, SERVER_ROTATED,
          s.serverName())).sum());
      LOG.info("new configs of server {}: stored for {} chat(s) of {} bound user(s)", s.serverName(), n, bound.size());
    }
  }
}
