package dev.vpnmanager.event;

/** Marker for changes announced on the {@link EventBus} after they committed. */
public interface DomainEvent {}
