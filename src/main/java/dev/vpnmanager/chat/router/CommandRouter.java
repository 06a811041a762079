package dev.vpnmanager.chat.router;

import dev.vpnmanager.chat.i18n.Messages;
import dev.vpnmanager.common.Names;
import dev.vpnmanager.chat.ChatUpdate;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.common.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns any {@link ChatUpdate} into a {@link Reply}: parses "/cmd args", "cmd args" or "!vpn cmd args",
 * checks the caller's role before a handler runs (a refused command changes nothing), and verifies signed
 * button data before dispatching it to the handler that made it. In a group, strangers get no answer at all,
 * and a reply that holds secrets goes to the caller's private chat, the group only learning that it went.
 */
@Singleton
public final class CommandRouter {
  private static final Logger LOG = LoggerFactory.getLogger(CommandRouter.class);
  /** The router's own answers (refusals, button notices) in the caller's language. */
  private static final Messages TEXTS = new Messages("router");

  /** One of the router's own texts (router_LANG.properties), for handlers' defaults in this package. */
  static String text(String language, String key, Object... args) {
    return TEXTS.get(language, key, args);
  }
  private final Map<String, CommandHandler> handlers;
  private final AccessPolicy access;
  private final CallbackCodec callbacks;
  private final Conversations conversations;

  @Inject
  public CommandRouter(Set<CommandHandler> handlers, AccessPolicy access, CallbackCodec callbacks,
                       Conversations conversations) {
    this.conversations = conversations;
    this.handlers = new TreeMap<>();
    for (CommandHandler h : handlers) {
      if (this.handlers.put(h.spec().name(), h) != null) {
        throw new IllegalStateException("two handlers for the command '" + h.spec().name() + "'");
      }
    }
    this.access = access;
    this.callbacks = callbacks;
  }

  public Reply route(ChatUpdate update) {
    Role role = access.roleOf(update);
    if (role == Role.ANYONE && !update.privateChat() && !update.isCallback()) {
      return Reply.empty();
    }
    try {
      Reply reply = update.isCallback() ? button(update, role) : command(update, role);
      return reply.secret() && !update.privateChat()
          ? Reply.redirected(reply, TEXTS.get(update.language(), "router.sentPrivately")) : reply;
    } catch (InvalidInputException e) {
      return Reply.text("⚠️ " + e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("command failed: {}", e.toString());
      return Reply.text(TEXTS.get(update.language(), "router.failed", e.getMessage()));
    }
  }

  /** Commands this role may use, in name order, for /help and command menus. */
  /** Whether the main menu shows the command's entry now (see {@link CommandHandler#inMenu}). */
  public boolean inMenu(String name) {
    CommandHandler h = handlers.get(name);
    return h != null && h.inMenu();
  }

  public List<CommandSpec> visibleTo(Role role) {
    return handlers.values().stream().map(CommandHandler::spec).filter(s -> role.atLeast(s.role())).toList();
  }

  private Reply command(ChatUpdate update, Role role) {
    List<String> words = split(update.text());
    if (words.isEmpty()) {
      return Reply.empty();
    }
    Reply answer = answer(update, role, words);
    if (answer != null) {
      return answer;
    }
    String name = words.get(0);
    CommandHandler h = handlers.get(name);
    if (h == null) {
      // a stranger's chatter gets no answer: a flood of strangers must not turn into a flood of replies
      return role == Role.ANYONE ? Reply.empty() : Reply.text(TEXTS.get(update.language(), "router.unknown",
          printable(name)));
    }
    if (!role.atLeast(h.spec().role())) {
      return Reply.text(TEXTS.get(update.language(),
          h.spec().role() == Role.USER ? "router.boundOnly" : "router.adminsOnly", name));
    }
    List<String> args = words.subList(1, words.size());
    if (!h.spec().accepts(args.size())) {
      return Reply.text("⚠️ " + TEXTS.get(update.language(), "router.usage", h.spec().usage()));
    }
    return h.handle(new CommandContext(update, role, args, callbacks));
  }

  /**
   * A plain message while a conversation step waits goes to that step; a slash command (or /cancel) ends the
   * step first. Returns null when the message is an ordinary command.
   */
  private Reply answer(ChatUpdate update, Role role, List<String> words) {
    String text = update.text().strip();
    boolean slash = text.startsWith("/") || text.startsWith("!vpn");
    if (slash || words.get(0).equals("cancel")) {
      boolean was = conversations.waiting(update);
      if (was) {
        conversations.cancel(update);
      }
      return words.get(0).equals("cancel") && words.size() == 1
          ? Reply.text(TEXTS.get(update.language(), was ? "router.cancelled" : "router.nothingToCancel")) : null;
    }
    Conversations.Step step = conversations.take(update).orElse(null);
    if (step == null) {
      return null;
    }
    CommandHandler h = handlers.get(step.command());
    if (h == null || !role.atLeast(h.spec().role())) {
      return Reply.text(TEXTS.get(update.language(), "router.denied"));
    }
    return h.onInput(new CommandContext(update, role, List.of(), callbacks), step.action(), step.args(), text);
  }

  private Reply button(ChatUpdate update, Role role) {
    CallbackCodec.Decoded d = callbacks.decode(update.chatId(), update.callbackData(), payload -> {
      CommandHandler owner = handlers.get(payload.split(":", 2)[0]);
      return owner == null || role.atLeast(owner.spec().role());
    });
    if (!d.ok()) {
      return Reply.notice(switch (d.refusal()) {
        case "stale" -> TEXTS.get(update.language(), "router.stale");
        case "used" -> TEXTS.get(update.language(), "router.used");
        case "denied" -> TEXTS.get(update.language(), "router.denied");
        default -> TEXTS.get(update.language(), "router.invalid");
      });
    }
    conversations.cancel(update);
    List<String> parts = Arrays.asList(d.payload().split(":", -1));
    CommandHandler h = handlers.get(parts.get(0));
    if (h == null || parts.size() < 2) {
      return Reply.notice(TEXTS.get(update.language(), "router.invalid"));
    }
    if (!role.atLeast(h.spec().role())) {
      return Reply.notice(TEXTS.get(update.language(), "router.denied"));
    }
    CommandContext ctx = new CommandContext(update, role, List.of(), callbacks);
    return h.onButton(ctx, parts.get(1), parts.subList(2, parts.size()));
  }

  /** Splits "/cmd@bot a b", "cmd a b" or "!vpn cmd a b" into lower-case command and arguments. */
  static List<String> split(String text) {
    if (text == null) {
      return List.of();
    }
    String t = text.strip();
    if (t.startsWith("!vpn")) {
      t = t.substring(4).strip();
    }
    if (t.startsWith("/")) {
      t = t.substring(1);
    }
    if (t.isEmpty()) {
      return List.of();
    }
    String[] words = t.split("\\s+");
    String cmd = words[0];
    int at = cmd.indexOf('@');
    if (at > 0) {
      cmd = cmd.substring(0, at);
    }
    words[0] = cmd.toLowerCase(Locale.ROOT);
    return List.of(words);
  }

  private static String printable(String s) {
    return Names.printable(s);
  }
}
