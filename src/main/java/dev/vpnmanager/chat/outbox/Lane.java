package dev.vpnmanager.chat.outbox;

import java.util.ArrayDeque;
import java.util.Deque;

/** One chat's queues (interactive ahead of bulk), its rate bucket, and whether a call is in flight. */
final class Lane {
  /** A queued step with its priority and how often it was tried. */
  static final class Pending {
    final Step step;
    final Priority priority;
    int attempts;

    Pending(Step step, Priority priority) {
      this.step = step;
      this.priority = priority;
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

  boolean isEmpty() {
    return interactive.isEmpty() && bulk.isEmpty();
  }
}
