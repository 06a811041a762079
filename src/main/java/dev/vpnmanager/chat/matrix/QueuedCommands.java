package dev.vpnmanager.chat.matrix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vpnmanager.config.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Commands read from a sync batch whose run has not begun, one state row each, stored in the transaction that
 * claims their event ({@link HandledEvents}). A room's lane takes (deletes) the row just before the command
 * runs. So after a crash, a stop with commands still waiting on the lanes, or another instance taking over, the
 * next start runs exactly those that had not begun, in the order they came, and none that had.
 */
final class QueuedCommands {
  static final String PREFIX = "matrix.queued:";
  private final MatrixState state;
  /** The number of the last row made; -1 until the rows left by an earlier run were looked at. */
  private long last = -1;

  /** A command as read from its event: enough to turn it into a chat update again after a restart. */
  record Command(String key, String room, String from, String body, String eventId) {
    String value() {
      return Json.MAPPER.createObjectNode().put("room", room).put("from", from).put("body", body)
          .put("event", eventId).toString();
    }

    /** The row to store with the event's claim. */
    Map<String, String> row() {
      return Map.of(key, value());
    }
  }

  QueuedCommands(MatrixState state) {
    this.state = state;
  }

  /** A new command, numbered after every other (its row is not stored yet). */
  synchronized Command next(String room, String from, String body, String eventId) {
    if (last < 0) {
      List<Command> left = waiting();
      last = left.isEmpty() ? 0 : number(left.get(left.size() - 1).key());
    }
    last++;
    return new Command(PREFIX + String.format("%019d", last), room, from, body, eventId);
  }

  /** The commands left waiting, oldest first. */
  List<Command> waiting() {
    List<Command> out = new ArrayList<>();
    state.withPrefix(PREFIX).forEach((key, value) -> {
      try {
        JsonNode n = Json.MAPPER.readTree(value);
        out.add(new Command(key, n.path("room").asText(), n.path("from").asText(), n.path("body").asText(),
            n.path("event").asText(null)));
      } catch (JsonProcessingException e) {
        state.remove(key); // not ours to run: it cannot be read
      }
    });
    return out;
  }

  /** True once for a stored command: it may run now, and never again. */
  boolean take(Command c) {
    return state.take(c.key()).isPresent();
  }

  /** A command that will not run (no lane took it). */
  void forget(Command c) {
    state.remove(c.key());
  }

  private static long number(String key) {
    return Long.parseLong(key.substring(PREFIX.length()));
  }
}
