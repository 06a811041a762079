package dev.vpnmanager.chat.router;

import dev.vpnmanager.chat.ChatUpdate;
import dev.vpnmanager.storage.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Conversation steps: a handler that asks a question ("send the new limit") records here which of its
 * actions takes the answer; the next plain message from that person in that chat goes to it instead of being
 * read as a command. One step per person and chat, kept in a state row (so a restart does not lose it) for
 * ten minutes; a slash command or /cancel ends it.
 */
@Singleton
public final class Conversations {
  static final Duration TTL = Duration.ofMinutes(10);
  private final StateStore state;
  private final Clock clock;

  /** The step waiting for an answer: the handler's command, its action and the action's arguments. */
  public record Step(String command, String action, List<String> args) {}

  @Inject
  public Conversations(StateStore state, Clock clock) {
    this.state = state;
    this.clock = clock;
  }

  /** The next plain message of this person in this chat answers {@code command}'s {@code action}. */
  public void expect(ChatUpdate from, String command, String action, String... args) {
    String body = command + ":" + action + (args.length == 0 ? "" : ":" + String.join(":", args));
    state.put(key(from), clock.instant().plus(TTL).getEpochSecond() + "|" + body);
  }

  /** Takes the waiting step, if any and not expired. */
  public Optional<Step> take(ChatUpdate from) {
    String k = key(from);
    Optional<String> v = state.get(k);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    state.remove(k);
    String[] parts = v.get().split("\\|", 2);
    if (parts.length != 2 || !parts[0].matches("\\d{1,12}")
        || Long.parseLong(parts[0]) < clock.instant().getEpochSecond()) {
      return Optional.empty();
    }
    List<String> words = Arrays.asList(parts[1].split(":", -1));
    if (words.size() < 2) {
      return Optional.empty();
    }
    return Optional.of(new Step(words.get(0), words.get(1), List.copyOf(words.subList(2, words.size()))));
  }

  public boolean waiting(ChatUpdate from) {
    return state.get(key(from)).isPresent();
  }

  public void cancel(ChatUpdate from) {
    state.remove(key(from));
  }

  private static String key(ChatUpdate u) {
    return "ask:" + u.platform().code() + ":" + u.chatId() + ":" + u.userId();
  }
}
