package dev.vpnmanager.node.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.domain.DockerNode;
import dev.vpnmanager.testing.ChildJvm;
import dev.vpnmanager.testing.Cli;
import dev.vpnmanager.testing.telegram.ApiRequest;
import dev.vpnmanager.testing.telegram.TelegramHarness;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /nodes for admins, through the Telegram stand-in (the strict Bot API: every text and keyboard checked) and the
 * console in a separate process: the list with state, servers and public host, one node's status, an unknown name,
 * strangers refused, and the main menu's Nodes entry once a remote node exists.
 */
class NodesChatTest {
  @TempDir Path dir;

  @Test
  void adminsSeeEveryNodeAndOneNodesStatusOnTelegram() throws Exception {
    try (TelegramHarness h = new TelegramHarness(dir)) {
      ApiRequest menu = h.admin("/menu");
      assertTrue(menu.buttons().stream().noneMatch(b -> b[0].contains("Nodes")), "no remote node, no menu entry");

      // a node whose engine cannot be reached (no TLS files, nothing listening): shown, not an error
      DockerNode edge = new DockerNode();
      edge.setName("edge");
      edge.setEndpoint("tcp://127.0.0.1:9");
      edge.setPublicHost("edge.example.test");
      h.app.database().save(edge);

      String list = h.admin("/nodes").text();
      assertTrue(list.startsWith("Nodes: 2"), list);
      assertTrue(list.contains("local · "), list);
      assertTrue(list.contains("· public host: this host"), list);
      assertTrue(list.contains("🔴 edge · not answering · servers: 0 · public host: edge.example.test"), list);
      assertTrue(list.contains("/nodes NAME shows one node."), list);

      String card = h.admin("/nodes edge").text();
      assertTrue(card.startsWith("🔴 Node edge\nstate: not answering\nengine: tcp://127.0.0.1:9: "), card);
      assertTrue(card.endsWith("public host: edge.example.test\nservers (0): none"), card);
      assertEquals("No node named &#39;nope&#39;. See /nodes.", h.admin("/nodes nope").text(), "HTML-escaped");

      ApiRequest withNode = h.admin("/menu");
      assertTrue(withNode.buttons().stream().anyMatch(b -> b[0].equals("🛰 Nodes")), "the Nodes entry appears");
      h.api.pushCallback(TelegramHarness.ADMIN, TelegramHarness.ADMIN, 5, withNode.button("Nodes"));
      h.api.await("sendMessage", r -> r.text() != null && r.text().startsWith("Nodes: 2"), TelegramHarness.WAIT);

      String stranger = h.say(7, 7, "/nodes").text();
      assertTrue(stranger.contains("admins only") && !stranger.contains("edge"), stranger);
    }
  }

  @Test
  void theConsoleListsTheLocalNode() throws Exception {
    Cli.Result r = ChildJvm.run(dir, "/nodes\n/nodes local\n/nodes nope\n/help\n", "console");
    assertEquals(0, r.code(), r.err());
    String out = r.out();
    assertTrue(out.contains("Nodes: 1\n"), out);
    assertTrue(out.contains(" local · ") && out.contains("servers: 0 · public host: this host"), out);
    assertTrue(out.contains("Node local\nstate: "), out);
    assertTrue(out.contains("No node named 'nope'. See /nodes."), out);
    assertTrue(out.contains("/nodes [NAME] — list nodes (Docker engines)"), out);
  }
}
