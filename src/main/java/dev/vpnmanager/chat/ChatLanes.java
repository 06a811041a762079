package dev.vpnmanager.chat;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs incoming chat updates: one chat's in order, different chats side by side on a shared pool of threads. A
 * slow command (an install waiting a minute for its container) holds up only its own chat and one thread, not
 * every chat that happens to share a worker with it. At most {@code maxQueued} updates wait in all; beyond that
 * new ones are dropped and counted, not buffered without end.
 */
public final class ChatLanes implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChatLanes.class);
  private final ThreadPoolExecutor pool;
  private final int maxQueued;
  /** Chats with work: while a chat has an entry, one pool thread runs its queue. */
  private final Map<String, ArrayDeque<Runnable>> lanes = new HashMap<>();
  private final AtomicLong dropped = new AtomicLong();
  private int queued;
  private boolean closed;

  public ChatLanes(String name, int threads, int maxQueued) {
    this.maxQueued = maxQueued;
    AtomicLong n = new AtomicLong();
    this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, name + "-" + n.getAndIncrement());
      t.setDaemon(true);
      return t;
    });
  }

  /** Queues the update of a chat; false (and counted) when too many wait or the lanes are closed. */
  public boolean execute(String chat, Runnable work) {
    synchronized (this) {
      if (closed || queued >= maxQueued) {
        dropped.incrementAndGet();
        return false;
      }
      queued++;
      ArrayDeque<Runnable> lane = lanes.get(chat);
      if (lane != null) {
        lane.add(work); // the thread on this chat takes it next
        return true;
      }
      lane = new ArrayDeque<>();
      lane.add(work);
      lanes.put(chat, lane);
    }
    pool.execute(() -> drain(chat));
    return true;
  }

  private void drain(String chat) {
    while (true) {
      Runnable next;
      synchronized (this) {
        ArrayDeque<Runnable> lane = lanes.get(chat);
        next = lane.poll();
        if (next == null) {
          lanes.remove(chat);
          return;
        }
      }
      try {
        next.run();
      } catch (RuntimeException e) {
        LOG.warn("handling a chat update failed: {}", e.toString());
      } finally {
        synchronized (this) {
          queued--;
        }
      }
    }
  }

  /** Updates waiting or being handled. */
  public synchronized int pending() {
    return queued;
  }

  /** Updates dropped because too many waited. */
  public long dropped() {
    return dropped.get();
  }

  /** Takes no more updates and gives those queued a bounded time to finish. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    pool.shutdown();
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
