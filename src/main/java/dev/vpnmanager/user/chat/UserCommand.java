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
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import dev.vpnmanager.delivery.ConfigDelivery;
import javax.inject.Inject;

/** /user NAME: one user's card; its buttons suspend, resume, renew, reset traffic and delete (confirmed). */
public final class UserCommand implements CommandHandler {
  static final long ADD_TRAFFIC = 10_000_000_000L;
  private final UserService users;
  private final UserQueries queries;
  private final Clock clock;
  private final Optional<ConfigDelivery> delivery;

  @Inject
  public UserCommand(UserService users, UserQueries queries, Clock clock, Optional<ConfigDelivery> delivery) {
    this.users = users;
    this.queries = queries;
    this.clock = clock;
    this.delivery = delivery;
  }

  @Override
  public CommandSpec spec() {
    return new CommandSpec("user", Role.ADMIN, "NAME", "one user's card with actions");
  }

  @Override
  public Reply handle(CommandContext ctx) {
    return UserCard.of(ctx, users.show(ctx.arg(0)), clock, false);
  }

  @Override
  public Reply onButton(CommandContext ctx, String action, List<String> args) {
    if (args.size() != 1 || !args.get(0).matches("\\d{1,18}")) {
      return Reply.notice("This button is not valid.");
    }
    String name = queries.nameOf(Long.parseLong(args.get(0))).orElse(null);
    if (name == null) {
      return Reply.notice("That user no longer exists.");
    }
    Actor actor = ChatActors.of(ctx);
    String id = args.get(0);
    if ("cfg".equals(action)) {
      return new Reply(ConfigReplies.of(delivery, name)).and(new Reply.Notice(ChatTexts.t(ctx, "card.configOf", name)))
          .asSecret();
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
    return UserCard.of(ctx, users.show(name), clock, true).and(new Reply.Notice(ChatTexts.t(ctx, "card.done")));
  }
}
