package dev.vpnmanager.event;

/**
 * A standing subscriber, bound into a Dagger set by the module of the feature it belongs to (live server sync
 * binds one): the bus registers every one when it is built, so no one has to remember to start them.
 */
public interface EventSubscriber {
  void on(DomainEvent event);
}
