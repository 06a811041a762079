package dev.vpnmanager.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code vpn-manager serve} in a JVM of its own on a test's data directory, for fault tests: started with
 * the given {@code VPN_*} environment, killed with SIGKILL ({@link #kill9}), started again on the same database.
 * Each run appends to {@code serve-N.log} in the log directory.
 */
public final class ServeProcess implements AutoCloseable {
  private final Path data;
  private final Path logs;
  private final Map<String, String> env;
  private Process process;
  private int runs;

  public ServeProcess(Path data, Path logs, Map<String, String> env) {
    this.data = data;
    this.logs = logs;
    this.env = new LinkedHashMap<>(env);
  }

  /** Starts serve and waits until it says it serves (or fails the test with its log). */
  public ServeProcess start() throws IOException, InterruptedException {
    ProcessBuilder pb = ChildJvm.builder(data, "serve");
    pb.environment().putAll(env);
    runs++;
    pb.redirectErrorStream(true).redirectOutput(log().toFile());
    process = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!log(runs).contains("vpn-manager serving")) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("serve did not start (run " + runs + "):\n" + log(runs));
      }
      Thread.sleep(50);
    }
    return this;
  }

  public Path log() {
    return logs.resolve("serve-" + runs + ".log");
  }

  /** The log of run {@code n} (1 is the first). */
  public String log(int n) throws IOException {
    Path p = logs.resolve("serve-" + n + ".log");
    return Files.exists(p) ? Files.readString(p) : "";
  }

  /** Every run's log, for failure messages. */
  public String logs() throws IOException {
    StringBuilder b = new StringBuilder();
    for (int i = 1; i <= runs; i++) {
      b.append("---- serve run ").append(i).append(" ----\n").append(log(i));
    }
    return b.toString();
  }

  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process != null && process.isAlive();
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed or released. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("serve survived SIGKILL");
    }
    if (process.exitValue() != 137) {
      throw new AssertionError("serve ended with " + process.exitValue() + ", not by SIGKILL");
    }
  }

  /** Waits (bounded) until the current run's log contains the text. */
  public void awaitLog(String text, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!log(runs).contains(text)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("serve never logged '" + text + "':\n" + log(runs));
      }
      Thread.sleep(50);
    }
  }

  /** SIGTERM and a bounded wait; SIGKILL after that. */
  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
