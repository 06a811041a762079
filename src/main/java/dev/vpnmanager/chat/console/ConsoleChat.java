package dev.vpnmanager.chat.console;

import dev.vpnmanager.chat.Button;
import dev.vpnmanager.chat.ChatUpdate;
import dev.vpnmanager.chat.Keyboard;
import dev.vpnmanager.chat.Platform;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.router.CommandRouter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A chat with the bot in the terminal, as the owner. Lines are commands ("/adduser bob wireguard" or
 * "adduser bob wireguard"); buttons are shown as numbered choices answered with the number. Works on a
 * pipe; ends at end of input or /quit.
 */
public final class ConsoleChat {
  static final String CHAT_ID = "console";
  private final CommandRouter router;
  private final PrintStream out;
  private List<Button> choices = List.of();
  private int messageSeq;

  public ConsoleChat(CommandRouter router, PrintStream out) {
    this.router = router;
    this.out = out;
  }

  public void run(BufferedReader in, boolean interactive) throws IOException {
    if (interactive) {
      out.println("VPN Manager console. Type /help for commands, /quit to leave.");
    }
    while (true) {
      if (interactive) {
        out.print("> ");
        out.flush();
      }
      String line = in.readLine();
      if (line == null) {
        break;
      }
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      if (t.equals("/quit") || t.equals("quit") || t.equals("/exit")) {
        break;
      }
      print(router.route(toUpdate(t)));
    }
  }

  ChatUpdate toUpdate(String line) {
    if (line.matches("\\d{1,3}") && !choices.isEmpty()) {
      int n = Integer.parseInt(line);
      if (n >= 1 && n <= choices.size()) {
        return ChatUpdate.button(Platform.CONSOLE, CHAT_ID, "owner", choices.get(n - 1).data(),
            Integer.toString(messageSeq));
      }
    }
    return ChatUpdate.text(Platform.CONSOLE, CHAT_ID, "owner", line);
  }

  void print(Reply reply) {
    for (Reply.Part p : reply.parts()) {
      if (p instanceof Reply.Text t) {
        out.println(t.text());
        showChoices(t.keyboard());
      } else if (p instanceof Reply.Notice n) {
        out.println("(" + n.text() + ")");
      } else if (p instanceof Reply.Photo ph) {
        // a QR code is printed as blocks, so a terminal is enough to hand out a config; other pictures are named
        java.util.Optional<String> qr = TerminalQr.fromPng(ph.png());
        if (qr.isPresent()) {
          out.print(qr.get());
        } else {
          out.println("[image: PNG, " + ph.png().length + " bytes]");
        }
        if (ph.caption() != null) {
          out.println(ph.caption());
        }
      } else if (p instanceof Reply.Document d) {
        out.println("[file: " + d.fileName() + "]");
        out.println(new String(d.content(), StandardCharsets.UTF_8).strip());
        if (d.caption() != null) {
          out.println(d.caption());
        }
      }
    }
    out.flush();
  }

  private void showChoices(Keyboard k) {
    if (k == null || k.buttons().isEmpty()) {
      return;
    }
    messageSeq++;
    choices = new ArrayList<>(k.buttons());
    for (int i = 0; i < choices.size(); i++) {
      out.println("  " + (i + 1) + ") " + choices.get(i).label());
    }
    out.println("Answer with a number.");
  }
}
