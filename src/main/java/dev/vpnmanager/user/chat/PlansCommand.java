package dev.vpnmanager.user.chat;

import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.router.CommandContext;
import dev.vpnmanager.chat.router.CommandHandler;
import dev.vpnmanager.chat.router.CommandSpec;
import dev.vpnmanager.chat.router.Role;
import dev.vpnmanager.common.Sizes;
import dev.vpnmanager.plan.PlanRecord;
import dev.vpnmanager.plan.Plans;
import java.util.List;
import javax.inject.Inject;

/** /plans: the plans users can be created from (define them with {@code plans add} on the server). */
public final class PlansCommand implements CommandHandler {
  private final Plans plans;

  @Inject
  public PlansCommand(Plans plans) {
    this.plans = plans;
  }

  @Override
  public CommandSpec spec() {
    return new CommandSpec("plans", Role.ADMIN, "the plans users are created from");
  }

  @Override
  public Reply handle(CommandContext ctx) {
    List<PlanRecord> all = plans.list();
    if (all.isEmpty()) {
      return Reply.text(ChatTexts.t(ctx, "plans.none"));
    }
    StringBuilder b = new StringBuilder(ChatTexts.t(ctx, "plans.title"));
    for (PlanRecord p : all) {
      b.append("\n📦 ").append(p.name()).append(" — ").append(describe(ctx, p));
    }
    return Reply.text(b.append('\n').append(ChatTexts.t(ctx, "plans.hint")).toString());
  }

  @Override
  public Reply onButton(CommandContext ctx, String action, List<String> args) {
    return handle(ctx);
  }

  /** "vless, 50.00 GB, 30 days, monthly on day 1" in the chat's language. */
  static String describe(CommandContext ctx, PlanRecord p) {
    String limit = p.limitBytes() == 0 ? ChatTexts.t(ctx, "plans.unlimited") : Sizes.format(p.limitBytes());
    String days = p.days() == 0 ? ChatTexts.t(ctx, "plans.forever") : ChatTexts.t(ctx, "plans.days", p.days());
    String reset = p.resetPolicy().isNever() ? "" : ", " + UserCard.resetWords(ctx, p.resetPolicy());
    return p.protocol() + ", " + limit + ", " + days + reset;
  }
}
