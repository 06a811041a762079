package dev.vpnmanager.top;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.Terminal;
import dev.vpnmanager.chat.Button;
import dev.vpnmanager.chat.ChatUpdate;
import dev.vpnmanager.chat.Platform;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.router.CommandRouter;
import dev.vpnmanager.common.Sizes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The full-screen dashboard: servers, users (online first, with their rate), today's traffic and the latest
 * alerts, redrawn when a background sample arrives (every {@code every}). Keys: ↑ ↓ PgUp PgDn choose a user,
 * Enter opens their card; the card is the chat's own (the router answers "/user NAME" as the console's owner),
 * with its buttons chosen by arrow keys and pressed by Enter, and typed text sent as a message (for the buttons
 * that ask for a value); Esc goes back; q quits (in a card, when nothing is typed).
 */
public final class TopScreen {
  static final String CHAT_ID = "top";
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("MM-dd HH:mm");
  private final Supplier<TopSnapshot> sampler;
  private final CommandRouter router;
  private final Duration every;
  private final ZoneId zone;
  private volatile TopSnapshot latest;
  private volatile String sampleError;
  private volatile boolean dirty = true;
  private int selected;
  private int top;
  private Card card;
  private int seq;

  /** A chat answer on screen: its lines, its buttons, the chosen one, what is being typed, the last notice. */
  private static final class Card {
    final List<String> lines = new ArrayList<>();
    final List<Button> buttons = new ArrayList<>();
    int chosen;
    final StringBuilder input = new StringBuilder();
    String notice = "";
  }

  public TopScreen(Supplier<TopSnapshot> sampler, CommandRouter router, Duration every, ZoneId zone) {
    this.sampler = sampler;
    this.router = router;
    this.every = every;
    this.zone = zone;
  }

  /** Runs until q; the terminal is restored on the way out. */
  public void run(Terminal terminal) throws IOException {
    Screen screen = new TerminalScreen(terminal);
    screen.startScreen();
    screen.setCursorPosition(null);
    Thread refresher = new Thread(this::refreshLoop, "top-refresh");
    refresher.setDaemon(true);
    refresher.start();
    try {
      while (true) {
        KeyStroke k = screen.pollInput();
        if (k != null) {
          if (!key(k)) {
            return;
          }
          dirty = true;
        }
        if (screen.doResizeIfNecessary() != null) {
          dirty = true;
        }
        if (dirty) {
          dirty = false;
          draw(screen);
        } else {
          sleep(25);
        }
      }
    } finally {
      refresher.interrupt();
      screen.stopScreen();
    }
  }

  private void refreshLoop() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        latest = sampler.get();
        sampleError = null;
      } catch (RuntimeException e) {
        sampleError = String.valueOf(e.getMessage());
      }
      dirty = true;
      if (!sleep(every.toMillis())) {
        return;
      }
    }
  }

  private static boolean sleep(long ms) {
    try {
      Thread.sleep(ms);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** False to quit. */
  boolean key(KeyStroke k) {
    KeyType t = k.getKeyType();
    boolean typing = card != null && card.input.length() > 0;
    if (t == KeyType.EOF || (k.isCtrlDown() && Character.valueOf('c').equals(k.getCharacter()))) {
      return false;
    }
    if (t == KeyType.Character && !k.isCtrlDown() && !typing
        && (k.getCharacter() == 'q' || k.getCharacter() == 'Q')) {
      return false;
    }
    if (card == null) {
      dashboardKey(t);
    } else {
      cardKey(k);
    }
    return true;
  }

  private void dashboardKey(KeyType t) {
    TopSnapshot s = latest;
    int n = s == null ? 0 : s.users().size();
    switch (t) {
      case ArrowDown -> selected = Math.min(n - 1, selected + 1);
      case ArrowUp -> selected = Math.max(0, selected - 1);
      case PageDown -> selected = Math.min(n - 1, selected + 10);
      case PageUp -> selected = Math.max(0, selected - 10);
      case Home -> selected = 0;
      case End -> selected = n - 1;
      case Enter -> {
        if (s != null && selected >= 0 && selected < n) {
          card = new Card();
          show(router.route(ChatUpdate.text(Platform.CONSOLE, CHAT_ID, "owner", "/user " + s.users().get(selected).name())));
        }
      }
      default -> { }
    }
    selected = Math.max(0, selected);
  }

  private void cardKey(KeyStroke k) {
    Card c = card;
    switch (k.getKeyType()) {
      case Escape -> card = null;
      case ArrowDown, ArrowRight, Tab -> c.chosen = c.buttons.isEmpty() ? 0 : (c.chosen + 1) % c.buttons.size();
      case ArrowUp, ArrowLeft, ReverseTab ->
          c.chosen = c.buttons.isEmpty() ? 0 : (c.chosen + c.buttons.size() - 1) % c.buttons.size();
      case Backspace -> {
        if (c.input.length() > 0) {
          c.input.setLength(c.input.length() - 1);
        } else {
          card = null;
        }
      }
      case Character -> c.input.append(k.getCharacter());
      case Enter -> {
        if (c.input.length() > 0) {
          String text = c.input.toString();
          c.input.setLength(0);
          show(router.route(ChatUpdate.text(Platform.CONSOLE, CHAT_ID, "owner", text)));
        } else if (!c.buttons.isEmpty()) {
          show(router.route(ChatUpdate.button(Platform.CONSOLE, CHAT_ID, "owner", c.buttons.get(c.chosen).data(),
              Integer.toString(seq))));
        }
      }
      default -> { }
    }
  }

  /** Puts the router's answer on the card: its texts and last keyboard replace the old, a notice shows below. */
  void show(Reply reply) {
    Card c = card;
    List<String> lines = new ArrayList<>();
    List<Button> buttons = null;
    String notice = "";
    for (Reply.Part p : reply.parts()) {
      if (p instanceof Reply.Text t) {
        lines.addAll(List.of(t.text().split("\n", -1)));
        if (t.keyboard() != null && !t.keyboard().buttons().isEmpty()) {
          buttons = t.keyboard().buttons();
        }
      } else if (p instanceof Reply.Notice n) {
        notice = n.text();
      } else if (p instanceof Reply.Photo ph) {
        lines.add("[QR code image, " + ph.png().length + " bytes]");
        if (ph.caption() != null) {
          lines.addAll(List.of(ph.caption().split("\n", -1)));
        }
      } else if (p instanceof Reply.Document d) {
        lines.add("[file " + d.fileName() + "]");
        lines.addAll(List.of(new String(d.content(), StandardCharsets.UTF_8).strip().split("\n", -1)));
      }
    }
    if (!lines.isEmpty()) {
      c.lines.clear();
      c.lines.addAll(lines);
      c.buttons.clear();
      if (buttons != null) {
        c.buttons.addAll(buttons);
        seq++;
      }
      c.chosen = 0;
    }
    c.notice = notice;
  }

  private void draw(Screen screen) throws IOException {
    screen.clear();
    TerminalSize size = screen.getTerminalSize();
    TextGraphics g = screen.newTextGraphics();
    int w = size.getColumns();
    int h = size.getRows();
    TopSnapshot s = latest;
    String when = s == null ? "loading…" : CLOCK.format(s.at().atZone(zone)) + " " + zone.getId();
    String keys = card == null ? "↑↓ choose  Enter card  q quit" : "↑↓ button  Enter press  type+Enter send  Esc back  q quit";
    bar(g, 0, w, " VPN Manager top — " + when + " — every " + every.toSeconds() + "s — " + keys);
    if (card != null) {
      drawCard(g, w, h);
    } else if (s != null) {
      drawDashboard(g, s, w, h);
    }
    if (sampleError != null) {
      put(g, 0, h - 1, w, "refresh failed: " + sampleError);
    }
    screen.refresh();
  }

  private void drawDashboard(TextGraphics g, TopSnapshot s, int w, int h) {
    int row = 2;
    g.enableModifiers(SGR.BOLD);
    put(g, 0, row++, w, "SERVERS " + s.servers().size());
    g.disableModifiers(SGR.BOLD);
    put(g, 0, row++, w, String.format(Locale.ROOT, "%-20s %-12s %6s %-12s %6s %6s %6s", "NAME", "PROTOCOL", "PORT",
        "STATE", "CPU%", "MEM%", "USERS"));
    int serverRows = Math.max(1, Math.min(s.servers().size(), (h - 12) / 3));
    for (int i = 0; i < Math.min(serverRows, s.servers().size()); i++) {
      TopSnapshot.ServerLine l = s.servers().get(i);
      put(g, 0, row++, w, String.format(Locale.ROOT, "%-20s %-12s %6d %-12s %6s %6s %6d", l.name(), l.protocol(),
          l.port(), l.state(), pct(l.cpu()), pct(l.memory()), l.users()));
    }
    if (s.servers().size() > serverRows) {
      put(g, 0, row++, w, "… " + (s.servers().size() - serverRows) + " more");
    }
    if (!s.serversNote().isEmpty()) {
      put(g, 0, row++, w, s.serversNote());
    }
    row++;
    g.enableModifiers(SGR.BOLD);
    put(g, 0, row++, w, "USERS " + s.users().size() + " — online now " + s.online()
        + " (moved traffic in the last counter cycle) — today " + Sizes.format(s.todayBytes()));
    g.disableModifiers(SGR.BOLD);
    put(g, 0, row++, w, String.format(Locale.ROOT, "%-2s%-24s %-10s %-16s %12s %10s %22s", "", "NAME", "STATUS",
        "SERVER", "RATE", "TODAY", "USED / LIMIT"));
    int alertRows = Math.min(TopSampler.ALERTS, s.alerts().size()) + 2;
    int userRows = Math.max(1, h - row - alertRows - 1);
    if (selected >= s.users().size()) {
      selected = Math.max(0, s.users().size() - 1);
    }
    if (selected < top) {
      top = selected;
    } else if (selected >= top + userRows) {
      top = selected - userRows + 1;
    }
    for (int i = top; i < Math.min(s.users().size(), top + userRows); i++) {
      TopSnapshot.UserLine u = s.users().get(i);
      String line = String.format(Locale.ROOT, "%-2s%-24s %-10s %-16s %12s %10s %22s", u.online() ? "●" : " ",
          u.name(), u.status(), u.server(), rate(u.rate()), Sizes.format(u.today()),
          Sizes.format(u.used()) + " / " + (u.limit() > 0 ? Sizes.format(u.limit()) : "∞"));
      if (i == selected) {
        g.enableModifiers(SGR.REVERSE);
        put(g, 0, row++, w, pad(line, w));
        g.disableModifiers(SGR.REVERSE);
      } else {
        put(g, 0, row++, w, line);
      }
    }
    if (s.users().isEmpty()) {
      put(g, 0, row++, w, "  no users yet");
    }
    row = Math.max(row + 1, h - alertRows);
    g.enableModifiers(SGR.BOLD);
    put(g, 0, row++, w, "LATEST ALERTS");
    g.disableModifiers(SGR.BOLD);
    if (s.alerts().isEmpty()) {
      put(g, 0, row, w, "  none");
    }
    for (TopSnapshot.AlertLine a : s.alerts()) {
      if (row >= h) {
        break;
      }
      put(g, 0, row++, w, HOUR.format(a.at().atZone(zone)) + "  " + a.text());
    }
  }

  private void drawCard(TextGraphics g, int w, int h) {
    Card c = card;
    int row = 2;
    for (String l : c.lines) {
      if (row >= h - c.buttons.size() - 4) {
        break;
      }
      put(g, 0, row++, w, screenText(l).strip());
    }
    row++;
    for (int i = 0; i < c.buttons.size() && row < h - 3; i++) {
      String label = "[ " + screenText(c.buttons.get(i).label()).strip() + " ]";
      if (i == c.chosen) {
        g.enableModifiers(SGR.REVERSE);
        put(g, 2, row++, w, label);
        g.disableModifiers(SGR.REVERSE);
      } else {
        put(g, 2, row++, w, label);
      }
    }
    if (!c.notice.isEmpty()) {
      put(g, 0, h - 3, w, "(" + c.notice + ")");
    }
    put(g, 0, h - 2, w, "> " + c.input);
  }

  private static void bar(TextGraphics g, int row, int w, String text) {
    g.enableModifiers(SGR.REVERSE);
    put(g, 0, row, w, pad(text, w));
    g.disableModifiers(SGR.REVERSE);
  }

  private static void put(TextGraphics g, int col, int row, int w, String text) {
    String t = screenText(text);
    int room = Math.max(0, w - col);
    g.putString(col, row, t.length() > room ? t.substring(0, room) : t);
  }

  /**
   * Emoji go (those outside the basic plane, the symbol blocks chat texts take them from, variation selectors):
   * terminals draw them two columns wide where the screen counts one, which would shift the rest of the line.
   */
  static String screenText(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> {
      boolean emoji = cp > 0xFFFF || (cp >= 0x2300 && cp <= 0x23FF) || (cp >= 0x2600 && cp <= 0x27BF)
          || (cp >= 0x2B00 && cp <= 0x2BFF) || cp == 0xFE0F || cp == 0x200D;
      if (!emoji && cp != '\t' && cp != '\r') {
        b.appendCodePoint(cp);
      }
    });
    return b.toString();
  }

  private static String pad(String s, int w) {
    return s.length() >= w ? s : s + " ".repeat(w - s.length());
  }

  private static String pct(double p) {
    return p < 0 ? "-" : String.format(Locale.ROOT, "%.0f", p);
  }

  static String rate(double bytesPerSecond) {
    return bytesPerSecond < 0 ? "-" : Sizes.format((long) bytesPerSecond) + "/s";
  }
}
