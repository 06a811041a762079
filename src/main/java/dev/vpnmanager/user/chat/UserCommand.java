package dev.vpnmanager.user.chat;

import dev.vpnmanager.audit.chat.ChatActors;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.chat.Keyboard;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.router.CommandContext;
import dev.vpnmanager.chat.router.CommandHandler;
import dev.vpnmanager.chat.router.CommandSpec;
import dev.vpnmanager.chat.router.Role;
import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.user.UserQueries;
import dev.vpnmanager.user.UserRecord;
import dev.vpnmanager.user.UserService;
import dev.vpnmanager.stats.TrafficStats;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import dev.vpnmanager.delivery.ConfigDelivery;
import dev.vpnmanager.chat.i18n.Dates;
import dev.vpnmanager.chat.router.Conversations;
import javax.inject.Inject;

/** /user NAME: one user's card (after a chart of their last 30 days); its buttons suspend, resume, renew, reset traffic and delete (confirmed). */
public final class UserCommand implements CommandHandler {
  static final long ADD_TRAFFIC = 10_000_000_000L;
  private final UserService users;
  private final UserQueries queries;
  private final Clock clock;
  private final Optional<ConfigDelivery> delivery;
  private final Dates dates;
  private final Conversations conversations;
  private final TrafficStats stats;

  @Inject
  public UserCommand(UserService users, UserQueries queries, Clock clock, Optional<ConfigDelivery> delivery,
                     Dates dates, Conversations conversations, TrafficStats stats) {
    this.stats = stats;
    this.users = users;
    this.queries = queries;
    this.clock = clock;
    this.delivery = delivery;
    this.dates = dates;
    this.conversations = conversations;
  }

  @Override
  public CommandSpec spec() {
    return new CommandSpec("user", Role.ADMIN, "NAME", "one user's card with actions");
  }

  @Override
  public Reply handle(CommandContext ctx) {
    UserRecord u = users.show(ctx.arg(0));
    Reply card = UserCard.of(ctx, u, dates, false);
    return UsageChart.of(ctx, stats, u).map(card::and).orElse(card);
  }

  @Override
  public Reply onButton(CommandContext ctx, String action, List<String> args) {
    if ("ask".equals(action)) {
      return ask(ctx, args);
    }
    if (args.size() != 1 || !args.get(0).matches("\\d{1,18}")) {
      return Reply.notice(ChatTexts.t(ctx, "button.invalid"));
    }
    String name = queries.nameOf(Long.parseLong(args.get(0))).orElse(null);
    if (name == null) {
      return Reply.notice(ChatTexts.t(ctx, "card.gone"));
    }
    Actor actor = ChatActors.of(ctx);
    String id = args.get(0);
    if ("cfg".equals(action)) {
      return new Reply(ConfigReplies.of(ctx, delivery, name)).and(new Reply.Notice(ChatTexts.t(ctx, "card.configOf", name)))
          .asSecret();
    }
    if ("atr".equals(action) || "ren".equals(action)) {
      // an old card may still show these for a user who is now unlimited or never expires: ask instead
      UserRecord now = users.show(name);
      if ("atr".equals(action) && now.limitBytes() == 0) {
        return ask(ctx, List.of(id, "limit")).and(new Reply.Notice(ChatTexts.t(ctx, "card.noLimit", name)));
      }
      if ("ren".equals(action) && now.expiresAt() == null) {
        return ask(ctx, List.of(id, "expires")).and(new Reply.Notice(ChatTexts.t(ctx, "card.noExpiry", name)));
      }
    }
    if ("edit".equals(action)) {
      return Reply.menu(ChatTexts.t(ctx, "edit.menu", name), UserCard.editButtons(ctx, id), true);
    }
    if ("rot".equals(action)) {
      Keyboard k = Keyboard.builder()
          .add(ChatTexts.t(ctx, "card.rotateYes", name), ctx.button("user", "rotok", id, true))
          .add(ChatTexts.t(ctx, "card.cancel"), ctx.button("user", "card", id, false)).build();
      return Reply.menu(ChatTexts.t(ctx, "card.rotateAsk", name), k, true);
    }
    UserRecord after = switch (action) {
      case "card" -> users.show(name);
      case "atr" -> users.renew(actor, name, 0, ADD_TRAFFIC);
      case "rotok" -> users.rotate(actor, name);
      case "sus" -> users.suspend(actor, name, null);
      case "res" -> users.resume(actor, name);
      case "ren" -> users.renew(actor, name, 30, 0);
      case "rst" -> users.resetTraffic(actor, name);
      case "del" -> null;
      case "delok" -> {
        users.delete(actor, name);
        yield null;
      }
      default -> throw new InvalidInputException("unknown action");
    };
    if ("del".equals(action)) {
      Keyboard k = Keyboard.builder()
          .add(ChatTexts.t(ctx, "card.deleteYes", name), ctx.button("user", "delok", id, true))
          .add(ChatTexts.t(ctx, "card.cancel"), ctx.button("user", "card", id, false)).build();
      return Reply.menu(ChatTexts.t(ctx, "card.deleteAsk", name), k, true);
    }
    if (after == null) {
      return Reply.menu(ChatTexts.t(ctx, "card.deleted", name), null, true)
          .and(new Reply.Notice(ChatTexts.t(ctx, "card.deletedNotice")));
    }
    return UserCard.of(ctx, users.show(name), dates, true).and(new Reply.Notice(ChatTexts.t(ctx, "card.done")));
  }

  /** A field's ✏️ button: shows the step (user › field), what to send, and waits for the answer. */
  private Reply ask(CommandContext ctx, List<String> args) {
    if (args.size() != 2 || !args.get(0).matches("\\d{1,18}") || !EditFields.FIELDS.contains(args.get(1))) {
      return Reply.notice(ChatTexts.t(ctx, "button.invalid"));
    }
    String name = queries.nameOf(Long.parseLong(args.get(0))).orElse(null);
    if (name == null) {
      return Reply.notice(ChatTexts.t(ctx, "card.gone"));
    }
    String field = args.get(1);
    conversations.expect(ctx.update(), "user", "set", args.get(0), field);
    Keyboard k = Keyboard.builder()
        .add(ChatTexts.t(ctx, "card.cancel"), ctx.button("user", "card", args.get(0), false)).build();
    return Reply.menu(ChatTexts.t(ctx, "edit.step", name, ChatTexts.t(ctx, "edit.field." + field))
        + "\n" + ChatTexts.t(ctx, "edit.hint." + field), k, true);
  }

  /** The answer to {@link #ask}: the field changes and the card comes back; a bad value asks again. */
  @Override
  public Reply onInput(CommandContext ctx, String action, List<String> args, String text) {
    if (!"set".equals(action) || args.size() != 2 || !args.get(0).matches("\\d{1,18}")
        || !EditFields.FIELDS.contains(args.get(1))) {
      return Reply.empty();
    }
    String name = queries.nameOf(Long.parseLong(args.get(0))).orElse(null);
    if (name == null) {
      return Reply.text(ChatTexts.t(ctx, "card.gone"));
    }
    String field = args.get(1);
    try {
      users.edit(ChatActors.of(ctx), name, EditFields.parse(field, text, clock));
    } catch (InvalidInputException e) {
      conversations.expect(ctx.update(), "user", "set", args.get(0), field);
      return Reply.text("⚠️ " + e.getMessage() + "\n" + ChatTexts.t(ctx, "edit.again",
          ChatTexts.t(ctx, "edit.field." + field)));
    }
    return Reply.text(ChatTexts.t(ctx, "edit.done", name, ChatTexts.t(ctx, "edit.field." + field)))
        .and(UserCard.of(ctx, users.show(name), dates, false).parts().get(0));
  }
}
