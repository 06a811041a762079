package dev.vpnmanager.server;

import dev.vpnmanager.event.DomainEvent;

/**
 * A committed change to a server definition. {@code kind}: defined, keys-rotated. After keys-rotated every
 * client config of the server changed and a running server must be restarted with its re-rendered config.
 */
public record ServerEvent(String kind, String serverName, String protocol) implements DomainEvent {}
