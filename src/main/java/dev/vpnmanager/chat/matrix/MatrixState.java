package dev.vpnmanager.chat.matrix;

import dev.vpnmanager.storage.StateStore;
import dev.vpnmanager.storage.Tx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/** The bot's durable Matrix state in state rows: the sync token, direct rooms, notices sent, commands waiting. */
final class MatrixState {
  static final String NEXT_BATCH = "matrix.next_batch";
  static final String DEVICE = "matrix.device_id";
  private final Tx tx;
  private final StateStore store;

  MatrixState(Tx tx) {
    this.tx = tx;
    this.store = new StateStore(tx);
  }

  Optional<String> get(String key) {
    return store.get(key);
  }

  void put(String key, String value) {
    store.put(key, value);
  }

  /** Sets several rows in one transaction: all of them or none. */
  void putAll(Map<String, String> rows) {
    tx.run(txn -> rows.forEach((k, v) -> store.put(txn, k, v)));
  }

  /** Reads and deletes the row in one transaction; empty when there is none (taken already). */
  Optional<String> take(String key) {
    return tx.write(txn -> store.take(txn, key));
  }

  void remove(String key) {
    store.remove(key);
  }

  /** The rows whose key starts with the prefix, in key order. */
  SortedMap<String, String> withPrefix(String prefix) {
    return store.withPrefix(prefix);
  }

  /** Stores the value unless the row exists; true when this call stored it (one of several at once does). */
  boolean putIfAbsent(String key, String value) {
    return store.compareAndPut(key, Optional::isEmpty, value);
  }

  /** A key made of a prefix and a Matrix id; ids too long for the column are hashed. */
  static String key(String prefix, String id) {
    String k = prefix + ":" + id;
    if (k.length() <= 128) {
      return k;
    }
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      return prefix + "#" + HexFormat.of().formatHex(h);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
