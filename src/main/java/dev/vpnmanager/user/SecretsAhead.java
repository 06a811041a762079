package dev.vpnmanager.user;

import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.protocol.ProtocolDriver;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * New users' secrets ({@link ProtocolDriver#newSecrets}) made before the write transaction that stores them, so
 * the database's write lock is not held while key pairs are generated (a WireGuard pair costs ~100 µs: 5 s for
 * 50,000 users). Many users are shared out over at most one thread per core, in contiguous chunks of at least
 * {@link #MIN_PER_THREAD}; the threads live for one call and are gone when it returns, whatever happened. One
 * {@link SecureRandom} is shared by them: SecureRandom is safe for concurrent use (its implementations either
 * declare themselves thread-safe or are called under its lock), and sharing it keeps a seeded one in control.
 */
final class SecretsAhead {
  /** Below twice this many users one thread does it all (starting threads costs more than it saves). */
  static final int MIN_PER_THREAD = 128;
  private static final AtomicInteger POOLS = new AtomicInteger();

  private SecretsAhead() {}

  /** One user's secrets to make: its driver and name. */
  record Want(ProtocolDriver driver, String username) {}

  /** The secrets of each wanted user, in order; {@code threads} bounds the threads (the caller passes the cores). */
  static List<Credentials> make(List<Want> wants, SecureRandom random, int threads) {
    int n = wants.size();
    Credentials[] out = new Credentials[n];
    int workers = Math.max(1, Math.min(threads, n / MIN_PER_THREAD));
    if (workers == 1) {
      fill(wants, random, out, 0, n);
      return List.of(out);
    }
    int id = POOLS.incrementAndGet();
    AtomicInteger seq = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "user-secrets-" + id + "-" + seq.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> parts = new ArrayList<>(workers);
      for (int w = 0; w < workers; w++) {
        int from = (int) ((long) n * w / workers);
        int to = (int) ((long) n * (w + 1) / workers);
        parts.add(pool.submit(() -> fill(wants, random, out, from, to)));
      }
      for (Future<?> part : parts) {
        part.get();
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while making new users' secrets", e);
    } finally {
      pool.shutdownNow();
      awaitGone(pool);
    }
    return List.of(out);
  }

  private static void fill(List<Want> wants, SecureRandom random, Credentials[] out, int from, int to) {
    for (int i = from; i < to && !Thread.currentThread().isInterrupted(); i++) {
      Want w = wants.get(i);
      out[i] = w.driver().newSecrets(random, w.username());
    }
  }

  /** The workers stop at their next user once interrupted; waits for them so none outlives the call. */
  private static void awaitGone(ExecutorService pool) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
            return;
          }
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
