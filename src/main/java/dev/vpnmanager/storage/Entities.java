package dev.vpnmanager.storage;

import dev.vpnmanager.domain.AlertRecord;
import dev.vpnmanager.domain.ApiToken;
import dev.vpnmanager.domain.SubscriptionToken;
import dev.vpnmanager.domain.AuditEntry;
import dev.vpnmanager.domain.ChatBinding;
import dev.vpnmanager.domain.DailyTraffic;
import dev.vpnmanager.domain.DailyUsage;
import dev.vpnmanager.domain.DockerNode;
import dev.vpnmanager.domain.InviteToken;
import dev.vpnmanager.domain.Plan;
import dev.vpnmanager.domain.OutboxMessage;
import dev.vpnmanager.domain.StateEntry;
import dev.vpnmanager.domain.TrafficLogEntry;
import dev.vpnmanager.domain.TrafficPatch;
import dev.vpnmanager.domain.TrafficSnapshot;
import dev.vpnmanager.domain.UsedNonce;
import dev.vpnmanager.domain.UserUsage;
import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.domain.VpnUser;
import java.util.List;

/** The entity classes, listed so Ebean needs no class-path scan at start. */
public final class Entities {
  public static final List<Class<?>> ALL = List.of(
      AuditEntry.class, ChatBinding.class, InviteToken.class, StateEntry.class,
      UsedNonce.class, VpnServer.class, VpnUser.class,
      AlertRecord.class, DailyTraffic.class, TrafficSnapshot.class, Plan.class,
      SubscriptionToken.class, ApiToken.class, DockerNode.class, OutboxMessage.class,
      UserUsage.class, TrafficLogEntry.class, DailyUsage.class, TrafficPatch.class);

  private Entities() {}
}
