package dev.vpnmanager.user.chat;

import dev.vpnmanager.audit.chat.ChatActors;
import dev.vpnmanager.chat.Keyboard;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.i18n.Dates;
import dev.vpnmanager.chat.router.CommandContext;
import dev.vpnmanager.chat.router.CommandHandler;
import dev.vpnmanager.chat.router.CommandSpec;
import dev.vpnmanager.chat.router.Conversations;
import dev.vpnmanager.chat.router.Role;
import dev.vpnmanager.common.Expiry;
import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.common.Sizes;
import dev.vpnmanager.delivery.ConfigDelivery;
import dev.vpnmanager.plan.PlanRecord;
import dev.vpnmanager.plan.Plans;
import dev.vpnmanager.protocol.Protocols;
import dev.vpnmanager.user.NewUser;
import dev.vpnmanager.user.UserRecord;
import dev.vpnmanager.user.invite.InviteService;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.inject.Inject;

/**
 * /adduser NAME PROTOCOL|PLAN [LIMIT] [EXPIRES]: creates a user and replies, ready to forward, with their
 * config (QR code and link) and a one-time invite link, then the card. The main menu's "Add user" button
 * is the guided way: pick a plan or a protocol (step 1 of 2), then send the name (step 2 of 2).
 */
public final class AddUserCommand implements CommandHandler {
  private final dev.vpnmanager.user.UserService users;
  private final Clock clock;
  private final Dates dates;
  private final Plans plans;
  private final Protocols protocols;
  private final Optional<ConfigDelivery> delivery;
  private final InviteService invites;
  private final InviteCommand inviteLinks;
  private final Conversations conversations;

  @Inject
  public AddUserCommand(dev.vpnmanager.user.UserService users, Clock clock, Dates dates, Plans plans,
                        Protocols protocols, Optional<ConfigDelivery> delivery, InviteService invites,
                        InviteCommand inviteLinks, Conversations conversations) {
    this.users = users;
    this.clock = clock;
    this.dates = dates;
    this.plans = plans;
    this.protocols = protocols;
    this.delivery = delivery;
    this.invites = invites;
    this.inviteLinks = inviteLinks;
    this.conversations = conversations;
  }

  @Override
  public CommandSpec spec() {
    return new CommandSpec("adduser", Role.ADMIN, "NAME PROTOCOL|PLAN [LIMIT] [EXPIRES]",
        "create a user; replies with their config and an invite link");
  }

  @Override
  public Reply handle(CommandContext ctx) {
    String kind = ctx.arg(1).toLowerCase(Locale.ROOT);
    Long limit = ctx.arg(2) == null ? null : Sizes.parse(ctx.arg(2));
    Instant expires = ctx.arg(3) == null ? null : Expiry.parse(ctx.arg(3), clock).orElse(null);
    NewUser spec;
    if (protocols.ids().contains(kind)) {
      spec = new NewUser(ctx.arg(0), kind, null, limit == null ? 0 : limit, expires, null, null);
    } else {
      PlanRecord plan = plans.find(ctx.arg(1)).orElseThrow(() -> new InvalidInputException("'" + ctx.arg(1)
          + "' is neither a protocol (" + String.join(", ", new java.util.TreeSet<>(protocols.ids()))
          + ") nor a plan (/plans)"));
      NewUser p = plans.newUser(plan, ctx.arg(0), null, null, null);
      spec = new NewUser(p.username(), p.protocol(), null, limit == null ? p.limitBytes() : limit,
          ctx.arg(3) == null ? p.expiresAt() : expires, null, null, p.reset());
    }
    return created(ctx, spec);
  }

  private Reply created(CommandContext ctx, NewUser spec) {
    UserRecord u = users.add(ChatActors.of(ctx), spec);
    List<Reply.Part> parts = new ArrayList<>();
    parts.add(new Reply.Text(ChatTexts.t(ctx, "adduser.done", u.username()), null, false));
    parts.addAll(ConfigReplies.of(ctx, delivery, u.username()));
    String token = invites.create(ChatActors.of(ctx), u.username());
    parts.add(new Reply.Text(ChatTexts.t(ctx, "invite.made", u.username(),
        inviteLinks.link(ctx.update().platform(), token)), null, false));
    parts.add(UserCard.of(ctx, users.show(u.username()), dates, false).parts().get(0));
    return new Reply(parts);
  }

  /** Step 1 of the guided add: plans first, then bare protocols. */
  @Override
  public Reply onButton(CommandContext ctx, String action, List<String> args) {
    if ("guide".equals(action)) {
      Keyboard.Builder k = Keyboard.builder();
      for (PlanRecord p : plans.list()) {
        k.add("📦 " + p.name() + " · " + PlansCommand.describe(ctx, p), ctx.button("adduser", "plan",
            Long.toString(p.id()), false)).row();
      }
      for (String proto : new java.util.TreeSet<>(protocols.ids())) {
        k.add("🔌 " + proto, ctx.button("adduser", "proto", proto, false));
      }
      return Reply.menu(ChatTexts.t(ctx, "adduser.step1"), k.build(), true);
    }
    if (args.size() != 1 || !("plan".equals(action) && args.get(0).matches("\\d{1,18}")
        || "proto".equals(action) && protocols.ids().contains(args.get(0)))) {
      return Reply.notice(ChatTexts.t(ctx, "button.invalid"));
    }
    String what = "plan".equals(action)
        ? plans.byId(Long.parseLong(args.get(0))).map(PlanRecord::name).orElse(null) : args.get(0);
    if (what == null) {
      return Reply.notice(ChatTexts.t(ctx, "plans.gone"));
    }
    conversations.expect(ctx.update(), "adduser", action, args.get(0));
    return Reply.menu(ChatTexts.t(ctx, "adduser.step2", what), null, true);
  }

  /** Step 2: the name; a bad or taken name asks again. */
  @Override
  public Reply onInput(CommandContext ctx, String action, List<String> args, String text) {
    if (args.size() != 1) {
      return Reply.empty();
    }
    String name = text.strip();
    try {
      NewUser spec;
      if ("plan".equals(action)) {
        PlanRecord plan = plans.byId(Long.parseLong(args.get(0)))
            .orElseThrow(() -> new InvalidInputException(ChatTexts.t(ctx, "plans.gone")));
        spec = plans.newUser(plan, name, null, null, null);
      } else {
        spec = NewUser.of(name, args.get(0));
      }
      return created(ctx, spec);
    } catch (InvalidInputException e) {
      conversations.expect(ctx.update(), "adduser", action, args.get(0));
      return Reply.text("⚠️ " + e.getMessage() + "\n" + ChatTexts.t(ctx, "adduser.again"));
    }
  }
}
