package dev.vpnmanager.chat.matrix;

import dev.vpnmanager.chat.Button;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last numbered menu shown to each person in each room (in memory: after a restart the person opens the
 * menu again). A menu sent without a person in mind (an alert) answers to anyone in the room.
 */
final class Menus {
  /** The buttons of a menu and the event id of the message that showed them. */
  record Menu(List<Button> buttons, String eventId) {}

  private static final String ANYONE = "*";
  private final Map<String, Menu> last = new ConcurrentHashMap<>();

  void remember(String roomId, String userId, Menu menu) {
    last.put(roomId + "\n" + (userId == null ? ANYONE : userId), menu);
  }

  /** This person's last menu in this room, else the last one shown to the whole room. */
  Optional<Menu> find(String roomId, String userId) {
    Menu m = last.get(roomId + "\n" + userId);
    return Optional.ofNullable(m != null ? m : last.get(roomId + "\n" + ANYONE));
  }
}
