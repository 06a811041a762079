package dev.vpnmanager.user;

import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.protocol.ProtocolDriver;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * New users' secrets ({@link ProtocolDriver#newSecrets}) made before the write transaction that stores them, so
 * the database's write lock is not held while key pairs are generated (a WireGuard pair costs ~20 µs: ~1 s for
 * 50,000 users; ~100 µs with the JDK's own X25519). Many users are shared out over at most one thread per core, in contiguous chunks of at least
 * {@link #MIN_PER_THREAD}; the threads live for one call and have ended when it returns, whatever happened. One
 * {@link SecureRandom} is shared by them: SecureRandom is safe for concurrent use (its implementations either
 * declare themselves thread-safe or are called under its lock), and every secret comes from the one the caller
 * chose (the graph's).
 */
final class SecretsAhead {
  /** Below twice this many users one thread does it all (starting threads costs more than it saves). */
  static final int MIN_PER_THREAD = 128;
  private static final AtomicInteger CALLS = new AtomicInteger();

  private SecretsAhead() {}

  /** One user's secrets to make: its driver and name. */
  record Want(ProtocolDriver driver, String username) {}

  /** The secrets of each wanted user, in order; {@code threads} bounds the threads (the caller passes the cores). */
  static List<Credentials> make(List<Want> wants, SecureRandom random, int threads) {
    int n = wants.size();
    Credentials[] out = new Credentials[n];
    int workers = Math.max(1, Math.min(threads, n / MIN_PER_THREAD));
    AtomicBoolean stop = new AtomicBoolean();
    if (workers == 1) {
      fill(wants, random, out, 0, n, stop);
      return List.of(out);
    }
    // plain threads, joined before returning: none outlives the call, and the first failure stops the others
    AtomicReference<Throwable> failure = new AtomicReference<>();
    int id = CALLS.incrementAndGet();
    List<Thread> started = new ArrayList<>(workers);
    try {
      for (int w = 0; w < workers; w++) {
        int from = (int) ((long) n * w / workers);
        int to = (int) ((long) n * (w + 1) / workers);
        Thread t = new Thread(() -> {
          try {
            fill(wants, random, out, from, to, stop);
          } catch (Throwable e) {
            failure.compareAndSet(null, e);
            stop.set(true);
          }
        }, "user-secrets-" + id + "-" + (w + 1));
        t.setDaemon(true);
        t.start();
        started.add(t);
      }
    } catch (RuntimeException | Error e) {
      failure.compareAndSet(null, e); // a thread that could not start
      stop.set(true);
    }
    boolean interrupted = false;
    for (Thread t : started) {
      while (true) {
        try {
          t.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true; // the caller gives up: stop the workers, and still wait for them
          stop.set(true);
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Throwable f = failure.get();
    if (f instanceof RuntimeException r) {
      throw r;
    }
    if (f instanceof Error e) {
      throw e;
    }
    if (f != null) {
      throw new IllegalStateException(f);
    }
    if (interrupted) {
      throw new IllegalStateException("interrupted while making new users' secrets");
    }
    return List.of(out);
  }

  /** Fills out[from, to), unless told to stop (another part failed, or the caller gave up). */
  private static void fill(List<Want> wants, SecureRandom random, Credentials[] out, int from, int to,
                           AtomicBoolean stop) {
    for (int i = from; i < to && !stop.get(); i++) {
      Want w = wants.get(i);
      out[i] = w.driver().newSecrets(random, w.username());
    }
  }
}
