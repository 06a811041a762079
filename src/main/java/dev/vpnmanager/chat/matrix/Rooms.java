package dev.vpnmanager.chat.matrix;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the bot knows about its rooms, kept in the database: which are direct chats (plain commands work
 * there), the direct room of each person, which rooms are end-to-end encrypted, and which of those were
 * already told that the bot cannot read them.
 */
final class Rooms {
  private final MatrixState state;
  private final Map<String, Boolean> direct = new ConcurrentHashMap<>();
  private final Map<String, Boolean> encrypted = new ConcurrentHashMap<>();

  Rooms(MatrixState state) {
    this.state = state;
  }

  boolean isDirect(String roomId) {
    return direct.computeIfAbsent(roomId, r -> state.get(MatrixState.key("matrix.direct", r)).isPresent());
  }

  void markDirect(String roomId) {
    state.put(MatrixState.key("matrix.direct", roomId), "1");
    direct.put(roomId, true);
  }

  String directRoomOf(String userId) {
    return state.get(MatrixState.key("matrix.dm", userId)).orElse(null);
  }

  void rememberDirectRoom(String userId, String roomId) {
    markDirect(roomId);
    state.put(MatrixState.key("matrix.dm", userId), roomId);
  }

  /** Whether the room has end-to-end encryption on (it cannot be turned off again). */
  boolean isEncrypted(String roomId) {
    return encrypted.computeIfAbsent(roomId, r -> state.get(MatrixState.key("matrix.e2e", r)).isPresent()
        || toldEncrypted(r));
  }

  void markEncrypted(String roomId) {
    if (!isEncrypted(roomId)) {
      state.put(MatrixState.key("matrix.e2e", roomId), "1");
      encrypted.put(roomId, true);
    }
  }

  boolean toldEncrypted(String roomId) {
    return state.get(MatrixState.key("matrix.e2e-told", roomId)).isPresent();
  }

  void markToldEncrypted(String roomId) {
    state.put(MatrixState.key("matrix.e2e-told", roomId), "1");
  }
}
