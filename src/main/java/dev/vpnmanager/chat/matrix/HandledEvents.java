package dev.vpnmanager.chat.matrix;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The events of the current sync batch already taken, saved next to the sync token they came after, each in the
 * transaction that stores its command as waiting ({@link QueuedCommands}), before the command is queued on its
 * room's lane. The token is saved only once the whole batch is dispatched, so a crash in the middle brings the
 * batch again: the events listed here are then skipped, and a command (say, a renewal) runs at most once.
 */
final class HandledEvents {
  static final String KEY = "matrix.handled";
  private final MatrixState state;
  private String since;
  private final Set<String> ids = new LinkedHashSet<>();

  HandledEvents(MatrixState state) {
    this.state = state;
  }

  /**
   * True the first time an event is claimed after {@code since}; it is saved, together with the rows
   * {@code with}, before the caller acts on it. False (and nothing saved) when it was claimed before.
   */
  synchronized boolean claim(String since, String eventId, Map<String, String> with) {
    if (eventId == null || eventId.isEmpty()) {
      state.putAll(with);
      return true;
    }
    String position = since == null ? "" : since;
    if (!position.equals(this.since)) {
      load(position);
    }
    if (!ids.add(eventId)) {
      return false;
    }
    Map<String, String> rows = new LinkedHashMap<>(with);
    rows.put(KEY, position + "\n" + String.join("\n", ids));
    try {
      state.putAll(rows);
    } catch (RuntimeException e) {
      ids.remove(eventId);
      throw e;
    }
    return true;
  }

  private void load(String position) {
    this.since = position;
    ids.clear();
    String saved = state.get(KEY).orElse("");
    String[] lines = saved.split("\n");
    if (lines.length > 0 && lines[0].equals(position)) {
      for (int i = 1; i < lines.length; i++) {
        ids.add(lines[i]);
      }
    }
  }
}
