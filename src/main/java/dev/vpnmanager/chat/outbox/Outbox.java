package dev.vpnmanager.chat.outbox;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way out for a chat platform: every call is queued per chat and leaves within the rate limits
 * ({@link Limits}), interactive replies ahead of bulk, a chat's calls in order. A 429 pauses that chat's
 * bucket for the time the platform asked; 5xx and network errors are retried with backoff; other refusals
 * drop the call. A dispatcher thread picks the next call, a few workers run them, so one slow call does
 * not hold up other chats; nothing is handed out while every worker is busy, so a stall cannot pile calls
 * up that would then leave in one burst. Platform-neutral: the platform supplies the calls and the failure classifier.
 * Which step may leave next is {@link SendQueue}'s bookkeeping; this class runs the threads, sends, and decides
 * what a failure means.
 */
public final class Outbox implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
  private static final int MAX_RETRY_AFTER = 20;

  private final Limits limits;
  private final Function<Exception, Failure> classify;
  private final LongSupplier nanos;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final SendQueue queue;
  private final ExecutorService workers;
  private final int maxInFlight;
  private final Thread dispatcher;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong retried = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private int inFlight;
  /** Whether a step whose outcome is recorded (a stored message's) waits until the one before it was recorded. */
  private volatile boolean recordedOneAtATime;
  private volatile boolean running = true;

  public Outbox(String name, Limits limits, Function<Exception, Failure> classify) {
    this(name, limits, classify, System::nanoTime, 8);
  }

  Outbox(String name, Limits limits, Function<Exception, Failure> classify, LongSupplier nanos, int workers) {
    this.limits = limits;
    this.classify = classify;
    this.nanos = nanos;
    this.queue = new SendQueue(limits, nanos.getAsLong());
    this.maxInFlight = workers;
    this.workers = Executors.newFixedThreadPool(workers, r -> daemon(r, name + "-outbox-worker"));
    this.dispatcher = daemon(this::dispatchLoop, name + "-outbox");
    this.dispatcher.start();
  }

  /**
   * From now on, a step with a listener (a stored message, recorded once the platform accepted it) leaves only
   * after the previous such step was recorded: a process killed at any moment leaves at most one call that the
   * platform accepted and nobody recorded, so a platform without idempotency keys (Telegram) gets at most one
   * duplicate per kill. Such steps then go one at a time (the round trip plus the record bound their rate);
   * replies without a listener are not held up.
   */
  public void recordedOneAtATime(boolean on) {
    recordedOneAtATime = on;
  }

  /**
   * Hears how one submission ends, on an outbox thread: each step the platform accepted, then the end. A
   * submission ends once all its steps were accepted ({@code failure} null) or at the first step the outbox
   * gives up on (its later steps are not sent). A submission still queued when the outbox closes never ends.
   */
  public interface Listener {
    void accepted(int step);

    void finished(Failure failure, Exception cause);
  }

  /** Queues the steps of one reply for a chat; they leave in order. {@code group}: the slower group limit. */
  public void submit(String chatId, boolean group, Priority priority, List<Step> steps) {
    submit(chatId, group, priority, steps, null);
  }

  /** As above; {@code listener} (may be null) hears each accepted step and the end of the submission. */
  public void submit(String chatId, boolean group, Priority priority, List<Step> steps, Listener listener) {
    if (steps.isEmpty()) {
      if (listener != null) {
        listener.finished(null, null);
      }
      return;
    }
    Lane.Ticket ticket = listener == null ? null : new Lane.Ticket(listener, steps.size());
    boolean full = false;
    lock.lock();
    try {
      if (!running) {
        throw new IllegalStateException("outbox is closed");
      }
      if (!queue.add(chatId, group, priority, steps, ticket, now())) {
        if (dropped.getAndAdd(steps.size()) % 1000 == 0) {
          LOG.warn("outbox full ({} steps waiting): dropping new replies", queue.queued());
        }
        full = true;
        return;
      }
      changed.signalAll();
    } finally {
      lock.unlock();
      if (full && ticket != null) {
        // a stored message stays stored: it is tried again when its lease runs out
        tell(ticket, 0, Failure.transientError(), null);
      }
    }
  }

  /** Waits until everything queued has left (or was dropped); false on timeout. */
  public boolean awaitIdle(long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    lock.lock();
    try {
      while (inFlight > 0 || !queue.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        changed.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Messages queued or being sent right now. */
  public int depth() {
    lock.lock();
    try {
      return inFlight + queue.waiting();
    } finally {
      lock.unlock();
    }
  }

  public long sent() {
    return sent.get();
  }

  public long retried() {
    return retried.get();
  }

  public long dropped() {
    return dropped.get();
  }

  /** Gives queued messages up to two seconds to leave, then stops. */
  @Override
  public void close() {
    try {
      awaitIdle(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    lock.lock();
    try {
      running = false;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    workers.shutdown();
    try {
      dispatcher.join(2000);
      workers.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.shutdownNow();
  }

  private void dispatchLoop() {
    while (running) {
      SendQueue.Taken next;
      lock.lock();
      try {
        if (inFlight >= maxInFlight) {
          awaitQuietly(TimeUnit.SECONDS.toNanos(1));
          continue;
        }
        next = queue.take(now(), recordedOneAtATime);
        if (next == null) {
          long wait = queue.waitNanos();
          awaitQuietly(wait == Long.MAX_VALUE ? TimeUnit.SECONDS.toNanos(1) : Math.max(wait, 100_000));
          continue;
        }
        inFlight++;
      } finally {
        lock.unlock();
      }
      SendQueue.Taken step = next;
      try {
        workers.execute(() -> run(step));
      } catch (java.util.concurrent.RejectedExecutionException e) {
        finish(step, Failure.permanent(), e);
      }
    }
  }

  /** Chats with a lane (queued, in flight or still within their rate window), for tests and metrics. */
  public int lanes() {
    lock.lock();
    try {
      return queue.lanes();
    } finally {
      lock.unlock();
    }
  }

  private void run(SendQueue.Taken t) {
    Failure failure = null;
    Exception cause = null;
    try {
      t.pending().step.call().run();
    } catch (Exception e) {
      failure = classify.apply(e);
      cause = e;
      LOG.debug("send to a chat failed ({}): {}", failure.kind(), e.getClass().getSimpleName());
    }
    finish(t, failure, cause);
  }

  /**
   * Settles a step. A listener hears the outcome first, on this thread and while the lane is still busy, so
   * that once {@link #awaitIdle} returns every listener has been told (a listener of one lane is never called
   * twice at once).
   */
  private void finish(SendQueue.Taken taken, Failure failure, Exception cause) {
    Lane.Pending p = taken.pending();
    boolean again = false;
    if (failure != null) {
      p.attempts++;
      again = switch (failure.kind()) {
        case RETRY_AFTER -> p.attempts <= MAX_RETRY_AFTER;
        case TRANSIENT -> ++p.transientFailures < limits.maxAttempts();
        case PERMANENT -> false;
      };
    }
    Lane.Ticket t = p.ticket;
    if (t != null && (failure == null || !again)) {
      tell(t, p.index, failure, cause);
    }
    lock.lock();
    try {
      queue.settled(taken);
      inFlight--;
      if (failure == null) {
        sent.incrementAndGet();
      } else if (again) {
        long pause = failure.kind() == Failure.Kind.RETRY_AFTER ? failure.retryAfter().toNanos()
            : limits.backoff(p.transientFailures).toNanos();
        queue.retry(taken, now() + pause, failure.everyone());
        retried.incrementAndGet();
      } else {
        dropped.incrementAndGet();
        if (t == null) {
          LOG.warn("a message to a chat was dropped after {} attempt(s): {}", p.attempts, failure.kind());
        }
        queue.drop(taken);
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private static void tell(Lane.Ticket t, int index, Failure failure, Exception cause) {
    try {
      if (failure != null) {
        t.listener.finished(failure, cause);
        return;
      }
      t.listener.accepted(index);
      if (--t.remaining == 0) {
        t.listener.finished(null, null);
      }
    } catch (RuntimeException e) {
      LOG.warn("an outbox listener failed: {}", e.toString());
    }
  }

  private void awaitQuietly(long nanosToWait) {
    try {
      changed.awaitNanos(nanosToWait);
    } catch (InterruptedException e) {
      running = false;
      Thread.currentThread().interrupt();
    }
  }

  private long now() {
    return nanos.getAsLong();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
