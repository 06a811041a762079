package dev.vpnmanager.doctor;

import dev.vpnmanager.server.live.Reconciler;
import dev.vpnmanager.user.UserQueries;

/** What the doctor asks of the running object graph; the application component provides it. */
public interface DoctorParts {
  UserQueries userQueries();

  Reconciler reconciler();

  DockerChecks dockerChecks();

  dev.vpnmanager.node.NodeChecks nodeChecks();

  dev.vpnmanager.server.runtime.ServerStatuses serverStatuses();

  dev.vpnmanager.server.runtime.InstallJournal installJournal();

  dev.vpnmanager.chat.outbox.durable.OutboxStore outboxStore();
}
