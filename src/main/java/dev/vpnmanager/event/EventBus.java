package dev.vpnmanager.event;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In-process publish/subscribe of committed domain events. Subscribers (live server sync, notifications)
 * run synchronously in registration order; one failing subscriber is logged and does not stop the others.
 * Events committed together go out with {@link #publishAll}: a standing subscriber gets them as one list
 * ({@link EventSubscriber#onAll}), a typed handler one by one.
 */
@Singleton
public final class EventBus {
  private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);
  private final List<Subscription<?>> subscriptions = new CopyOnWriteArrayList<>();
  private final List<EventSubscriber> standing = new CopyOnWriteArrayList<>();

  /** A bus with no standing subscribers (tests subscribe by hand). */
  public EventBus() {}

  @Inject
  public EventBus(Set<EventSubscriber> subscribers) {
    standing.addAll(subscribers);
  }

  public <E extends DomainEvent> void subscribe(Class<E> type, Consumer<? super E> handler) {
    subscriptions.add(new Subscription<>(type, handler));
  }

  public void publish(DomainEvent event) {
    for (EventSubscriber s : standing) {
      guarded(event.getClass().getSimpleName(), () -> s.on(event));
    }
    for (Subscription<?> s : subscriptions) {
      s.deliver(event);
    }
  }

  /** Events committed together (in commit order): standing subscribers get the list at once. */
  public void publishAll(List<? extends DomainEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    List<DomainEvent> all = List.copyOf(events);
    for (EventSubscriber s : standing) {
      guarded(all.size() + " events", () -> s.onAll(all));
    }
    for (DomainEvent event : all) {
      for (Subscription<?> s : subscriptions) {
        s.deliver(event);
      }
    }
  }

  private static void guarded(String what, Runnable delivery) {
    try {
      delivery.run();
    } catch (RuntimeException e) {
      LOG.warn("event subscriber failed for {}: {}", what, e.toString());
    }
  }

  private record Subscription<E extends DomainEvent>(Class<E> type, Consumer<? super E> handler) {
    void deliver(DomainEvent event) {
      if (type.isInstance(event)) {
        try {
          handler.accept(type.cast(event));
        } catch (RuntimeException e) {
          LOG.warn("event subscriber failed for {}: {}", event.getClass().getSimpleName(), e.toString());
        }
      }
    }
  }
}
