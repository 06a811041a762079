package dev.vpnmanager.event;

import java.util.List;

/**
 * A standing subscriber, bound into a Dagger set by the module of the feature it belongs to (live server sync
 * binds one): the bus registers every one when it is built, so no one has to remember to start them.
 */
public interface EventSubscriber {
  void on(DomainEvent event);

  /**
   * Events committed together (one import), in order. By default each in turn; a subscriber that can apply a
   * batch at once (live sync: one call to a server for many users) overrides it.
   */
  default void onAll(List<DomainEvent> events) {
    events.forEach(this::on);
  }
}
