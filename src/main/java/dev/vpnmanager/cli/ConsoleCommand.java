package dev.vpnmanager.cli;

import dev.vpnmanager.chat.console.ConsoleChat;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** console: chat with the bot in this terminal as the owner, with the same commands and menus. */
@Command(name = "console", mixinStandardHelpOptions = true,
    description = "Chat with the bot in this terminal as the owner (same commands and menus).")
public final class ConsoleCommand implements Callable<Integer> {
  @ParentCommand RootCommand root;

  @Override
  public Integer call() throws Exception {
    ConsoleChat chat = new ConsoleChat(root.app().router(), root.out);
    boolean interactive = System.console() != null && root.in == System.in;
    chat.run(new BufferedReader(new InputStreamReader(root.in, StandardCharsets.UTF_8)), interactive);
    return 0;
  }
}
