package dev.vpnmanager.chat.matrix;

import dev.vpnmanager.domain.StateEntry;
import dev.vpnmanager.storage.Tx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** The bot's durable Matrix state in {@link StateEntry} rows: the sync token, direct rooms, notices sent. */
final class MatrixState {
  static final String NEXT_BATCH = "matrix.next_batch";
  static final String DEVICE = "matrix.device_id";
  private final Tx tx;

  MatrixState(Tx tx) {
    this.tx = tx;
  }

  Optional<String> get(String key) {
    StateEntry e = tx.db().find(StateEntry.class).where().eq("key", key).findOne();
    return Optional.ofNullable(e).map(StateEntry::getValue);
  }

  void put(String key, String value) {
    tx.run(txn -> {
      StateEntry e = tx.db().find(StateEntry.class).usingTransaction(txn).where().eq("key", key).findOne();
      if (e == null) {
        e = new StateEntry();
        e.setKey(key);
      }
      e.setValue(value);
      tx.db().save(e, txn);
    });
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
