package dev.vpnmanager.chat.outbox;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Every step waiting in one {@link Outbox}, in one lane per chat, and which step may leave next: interactive
 * ahead of bulk, a chat's steps in order and one at a time, within the chat's and the overall rate bucket.
 * Bookkeeping only, no threads and no clock of its own: the outbox calls it with its lock held and passes the
 * time, and decides itself what a failed step means ({@link #retry} or {@link #drop}).
 */
final class SendQueue {
  /** At most this many steps wait at once (each a message or an API call): about a few MB of replies. */
  static final int MAX_QUEUED = 20_000;

  /** A step handed out to be sent, and the lane it came from (busy until the step is settled). */
  record Taken(Lane lane, Lane.Pending pending) {}

  private final Limits limits;
  private final Bucket overall;
  private final Map<String, Lane> lanes = new HashMap<>();
  private final Set<Lane> interactiveReady = new LinkedHashSet<>();
  private final Set<Lane> bulkReady = new LinkedHashSet<>();
  /** Steps waiting in all lanes; above {@link #MAX_QUEUED} new replies are refused, not buffered without end. */
  private int queued;
  /** Steps with a listener handed out and not yet settled. */
  private int recordedInFlight;
  private long sweptAt;
  /** After {@link #take} found nothing: nanoseconds until a step may leave ({@code Long.MAX_VALUE}: none waits). */
  private long wait;

  SendQueue(Limits limits, long now) {
    this.limits = limits;
    this.overall = new Bucket(limits.overallPerSecond(), limits.overallBurst(), now);
  }

  /** Queues the steps of one submission at the end of the chat's lane; false (nothing queued) when full. */
  boolean add(String chatId, boolean group, Priority priority, List<Step> steps, Lane.Ticket ticket, long now) {
    if (queued + steps.size() > MAX_QUEUED) {
      return false;
    }
    queued += steps.size();
    Lane lane = lanes.computeIfAbsent(chatId, id -> new Lane(id,
        new Bucket(group ? limits.groupPerSecond() : limits.chatPerSecond(), limits.chatBurst(), now)));
    for (int i = 0; i < steps.size(); i++) {
      (priority == Priority.INTERACTIVE ? lane.interactive : lane.bulk)
          .addLast(new Lane.Pending(steps.get(i), priority, ticket, i));
    }
    ready(priority).add(lane);
    return true;
  }

  /**
   * Takes the next step that may leave at {@code now} out of its lane, takes its tokens and marks the lane busy;
   * null when none may leave yet ({@link #waitNanos} then says for how long). {@code recordedOneAtATime}: a step
   * with a listener waits while another one is in flight.
   */
  Taken take(long now, boolean recordedOneAtATime) {
    sweep(now);
    long overallWait = overall.waitNanos(now);
    wait = Long.MAX_VALUE;
    boolean holdRecorded = recordedOneAtATime && recordedInFlight > 0;
    Lane lane = pick(interactiveReady, now, overallWait, holdRecorded);
    if (lane == null && overallWait == 0) {
      lane = pick(bulkReady, now, overallWait, holdRecorded);
    } else if (lane == null) {
      wait = Math.min(wait, overallWait);
    }
    if (lane == null) {
      return null;
    }
    Lane.Pending next = lane.poll();
    queued--;
    unreadyIfEmpty(lane);
    if (next.ticket != null) {
      recordedInFlight++;
    }
    if (next.step.counted()) {
      overall.take(now);
      lane.bucket.take(now);
    }
    lane.busy = true;
    return new Taken(lane, next);
  }

  long waitNanos() {
    return wait;
  }

  /** The step handed out by {@link #take} is done with (sent, or about to be retried or dropped). */
  void settled(Taken t) {
    t.lane().busy = false;
    if (t.pending().ticket != null) {
      recordedInFlight--;
    }
  }

  /** Puts a settled step back at the head of its lane, the lane (or, {@code everyone}, all) paused until then. */
  void retry(Taken t, long pausedUntil, boolean everyone) {
    Lane lane = t.lane();
    lane.bucket.pause(pausedUntil);
    if (everyone) {
      overall.pause(pausedUntil);
    }
    lane.pushBack(t.pending());
    queued++;
    ready(t.pending().priority).add(lane);
  }

  /** Gives a settled step up, and with it the steps of its submission still waiting (when it has a listener). */
  void drop(Taken t) {
    if (t.pending().ticket != null) {
      queued -= t.lane().drop(t.pending().ticket);
    }
    unreadyIfEmpty(t.lane());
  }

  /** True when no lane has a step waiting. */
  boolean isEmpty() {
    return interactiveReady.isEmpty() && bulkReady.isEmpty();
  }

  /** Steps waiting in all lanes. */
  int waiting() {
    int n = 0;
    for (Lane l : lanes.values()) {
      n += l.interactive.size() + l.bulk.size();
    }
    return n;
  }

  int queued() {
    return queued;
  }

  /** Chats with a lane (queued, in flight or still within their rate window). */
  int lanes() {
    return lanes.size();
  }

  /**
   * Forgets the lanes of chats with nothing queued or in flight whose bucket is full again, at most once a
   * second: a lane is created for every chat ever answered, and a flood of one-off chats must not grow the
   * map for the life of the process.
   */
  private void sweep(long now) {
    if (now - sweptAt < TimeUnit.SECONDS.toNanos(1)) {
      return;
    }
    sweptAt = now;
    lanes.values().removeIf(l -> !l.busy && l.isEmpty() && l.bucket.idle(now));
  }

  private Lane pick(Set<Lane> ready, long now, long overallWait, boolean holdRecorded) {
    for (Lane l : ready) {
      if (l.busy) {
        continue;
      }
      Lane.Pending head = l.head();
      if (head.ticket != null && holdRecorded) {
        continue; // woken again when the step in flight was recorded
      }
      long w = head.step.counted() ? Math.max(overallWait, l.bucket.waitNanos(now)) : l.bucket.pauseNanos(now);
      if (w == 0) {
        return l;
      }
      wait = Math.min(wait, w);
    }
    return null;
  }

  private void unreadyIfEmpty(Lane lane) {
    if (lane.interactive.isEmpty()) {
      interactiveReady.remove(lane);
    }
    if (lane.bulk.isEmpty()) {
      bulkReady.remove(lane);
    }
  }

  private Set<Lane> ready(Priority priority) {
    return priority == Priority.INTERACTIVE ? interactiveReady : bulkReady;
  }
}
