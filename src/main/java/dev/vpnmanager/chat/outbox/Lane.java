package dev.vpnmanager.chat.outbox;

import java.util.ArrayDeque;
import java.util.Deque;

/** One chat's queues (interactive ahead of bulk), its rate bucket, and whether a call is in flight. */
final class Lane {
  /** A queued step with its priority and how often it was tried. */
  static final class Pending {
    final Step step;
    final Priority priority;
    /** The submission this step belongs to when someone listens for its end; else null. */
    final Ticket ticket;
    /** The step's place in its submission. */
    final int index;
    int attempts;
    /** Of those, the ones that failed with a server or network error (a 429 with its wait does not count). */
    int transientFailures;

    Pending(Step step, Priority priority) {
      this(step, priority, null, 0);
    }

    Pending(Step step, Priority priority, Ticket ticket, int index) {
      this.step = step;
      this.priority = priority;
      this.ticket = ticket;
      this.index = index;
    }
  }

  /** One listened-to submission: how many of its steps are still to go. */
  static final class Ticket {
    final Outbox.Listener listener;
    int remaining;

    Ticket(Outbox.Listener listener, int steps) {
      this.listener = listener;
      this.remaining = steps;
    }
  }

  final String chatId;
  final Bucket bucket;
  final Deque<Pending> interactive = new ArrayDeque<>();
  final Deque<Pending> bulk = new ArrayDeque<>();
  boolean busy;

  Lane(String chatId, Bucket bucket) {
    this.chatId = chatId;
    this.bucket = bucket;
  }

  Pending head() {
    return interactive.isEmpty() ? bulk.peekFirst() : interactive.peekFirst();
  }

  Pending poll() {
    return interactive.isEmpty() ? bulk.pollFirst() : interactive.pollFirst();
  }

  void pushBack(Pending p) {
    (p.priority == Priority.INTERACTIVE ? interactive : bulk).addFirst(p);
  }

  /** Drops the ticket's waiting steps; returns how many. */
  int drop(Ticket ticket) {
    int before = interactive.size() + bulk.size();
    interactive.removeIf(p -> p.ticket == ticket);
    bulk.removeIf(p -> p.ticket == ticket);
    return before - interactive.size() - bulk.size();
  }

  boolean isEmpty() {
    return interactive.isEmpty() && bulk.isEmpty();
  }
}
