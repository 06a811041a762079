package dev.vpnmanager.audit.chat;

import dev.vpnmanager.audit.AuditLog;
import dev.vpnmanager.chat.Keyboard;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.i18n.Dates;
import dev.vpnmanager.chat.i18n.Messages;
import dev.vpnmanager.chat.router.CommandContext;
import dev.vpnmanager.chat.router.CommandHandler;
import dev.vpnmanager.chat.router.CommandSpec;
import dev.vpnmanager.chat.router.Role;
import dev.vpnmanager.common.Names;
import dev.vpnmanager.domain.AuditEntry;
import java.util.List;
import javax.inject.Inject;

/** /audit [NAME]: the audit log newest first, 10 a page with ◀️ ▶️, optionally about one user. */
public final class AuditCommand implements CommandHandler {
  static final int PAGE = 10;
  private static final Messages TEXTS = new Messages("audit");
  private final AuditLog audit;
  private final Dates dates;

  @Inject
  public AuditCommand(AuditLog audit, Dates dates) {
    this.audit = audit;
    this.dates = dates;
  }

  @Override
  public CommandSpec spec() {
    return new CommandSpec("audit", Role.ADMIN, "[NAME]", "who changed what (paged)");
  }

  @Override
  public Reply handle(CommandContext ctx) {
    String name = ctx.arg(0);
    if (name != null) {
      Names.requireValid("user", name);
    }
    return page(ctx, name, 0, false);
  }

  @Override
  public Reply onButton(CommandContext ctx, String action, List<String> args) {
    if (!"page".equals(action) || args.isEmpty() || !args.get(0).matches("\\d{1,6}")
        || args.size() > 2 || (args.size() == 2 && !args.get(1).isEmpty() && !Names.isValid(args.get(1)))) {
      return Reply.notice(TEXTS.get(ctx.update().language(), "audit.invalid"));
    }
    String name = args.size() == 2 && !args.get(1).isEmpty() ? args.get(1) : null;
    return page(ctx, name, Integer.parseInt(args.get(0)), true);
  }

  private Reply page(CommandContext ctx, String name, int page, boolean edit) {
    String lang = ctx.update().language();
    int total = audit.count(name);
    int pages = Math.max(1, (total + PAGE - 1) / PAGE);
    int shown = Math.min(page, pages - 1);
    List<AuditEntry> entries = audit.find(name, null, null, shown * PAGE, PAGE);
    if (entries.isEmpty()) {
      return Reply.menu(TEXTS.get(lang, name == null ? "audit.empty" : "audit.emptyFor", name), null, edit);
    }
    StringBuilder b = new StringBuilder(name == null ? TEXTS.get(lang, "audit.title", shown + 1, pages)
        : TEXTS.get(lang, "audit.titleFor", name, shown + 1, pages));
    for (AuditEntry e : entries) {
      b.append("\n• ").append(dates.dateTime(e.getAt(), lang)).append(" · ").append(e.getActor()).append(" · ")
          .append(e.getAction());
      if (e.getTarget() != null && name == null) {
        b.append(' ').append(e.getTarget());
      }
      if (e.getDetail() != null) {
        String d = e.getDetail().replace('\n', ' ');
        b.append(" — ").append(d.length() > 80 ? d.substring(0, 79) + "…" : d);
      }
    }
    String suffix = ":" + (name == null ? "" : name);
    Keyboard.Builder k = Keyboard.builder();
    if (shown > 0) {
      k.add(TEXTS.get(lang, "audit.newer"), ctx.button("audit", "page", (shown - 1) + suffix, false));
    }
    if (shown < pages - 1) {
      k.add(TEXTS.get(lang, "audit.older"), ctx.button("audit", "page", (shown + 1) + suffix, false));
    }
    return Reply.menu(b.toString(), k.build(), edit);
  }
}
