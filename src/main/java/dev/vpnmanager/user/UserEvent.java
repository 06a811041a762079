package dev.vpnmanager.user;

import dev.vpnmanager.event.DomainEvent;

/**
 * A committed change to a user. {@code kind} is created, suspended, resumed, renewed, traffic-reset, rotated,
 * limited, expired, active (back from limited/expired), reset-policy or deleted; {@code snapshot} is the user as
 * it is after the change (before, for deleted).
 */
public record UserEvent(String kind, UserRecord snapshot) implements DomainEvent {}
