package dev.vpnmanager.chat.matrix;

import dev.vpnmanager.chat.Button;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last numbered menu shown to each person in each room (in memory: after a restart the person opens the
 * menu again). A menu sent without a person in mind (an alert) answers to anyone in the room. A menu older
 * than {@link #MAX_AGE} is forgotten, so a number typed much later is not taken for a choice.
 */
final class Menus {
  static final Duration MAX_AGE = Duration.ofMinutes(5);

  /** The buttons of a menu, the event id of the message that showed them, and when it was shown. */
  record Menu(List<Button> buttons, String eventId, Instant shownAt) {}

  private static final String ANYONE = "*";
  private final Map<String, Menu> last = new ConcurrentHashMap<>();

  void remember(String roomId, String userId, Menu menu) {
    last.put(roomId + "\n" + (userId == null ? ANYONE : userId), menu);
  }

  /** This person's last menu in this room, else the last one shown to the whole room; none once too old. */
  Optional<Menu> find(String roomId, String userId, Instant now) {
    Menu m = last.get(roomId + "\n" + userId);
    if (m == null) {
      m = last.get(roomId + "\n" + ANYONE);
    }
    return Optional.ofNullable(m).filter(x -> !now.isAfter(x.shownAt().plus(MAX_AGE)));
  }
}
