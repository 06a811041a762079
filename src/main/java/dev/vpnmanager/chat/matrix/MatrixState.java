package dev.vpnmanager.chat.matrix;

import dev.vpnmanager.storage.StateStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** The bot's durable Matrix state in state rows: the sync token, direct rooms, notices sent. */
final class MatrixState {
  static final String NEXT_BATCH = "matrix.next_batch";
  static final String DEVICE = "matrix.device_id";
  private final StateStore store;

  MatrixState(StateStore store) {
    this.store = store;
  }

  Optional<String> get(String key) {
    return store.get(key);
  }

  void put(String key, String value) {
    store.put(key, value);
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
