package dev.vpnmanager.server.runtime;

import dev.vpnmanager.event.DomainEvent;

/**
 * A committed change to a server's deployment. {@code kind} is installed, started, restarted, stopped or
 * removed; {@code status} is the server as it is after the change.
 */
public record ServerEvent(String kind, ServerStatus status) implements DomainEvent {}
