package dev.vpnmanager.server.v2ray;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vpnmanager.config.Json;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.docker.ExecResult;
import dev.vpnmanager.server.runtime.ManagedContainer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Xray's API on a remote node, where 127.0.0.1 is the node's loopback and not the manager's: the core's own CLI
 * ({@code xray api adu|rmu|inbounduser|statsquery|rmi|adi}) run by {@code docker exec} in the server's container,
 * which shares the node's host network. A batch is one exec (adu takes every user of the batch on stdin, rmu every
 * e-mail as arguments). adu and rmu exit 0 even when the core refused a user, so their output is read line by line:
 * {@code add user: NAME} / {@code remove user: NAME}, followed by {@code result: ok} or the core's error.
 */
final class XrayExec {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private final ContainerRuntime runtime;
  private final String container;
  private final String server;

  XrayExec(ContainerRuntime runtime, String serverName, int apiPort) {
    this.runtime = runtime;
    this.container = ManagedContainer.runningId(runtime, serverName);
    this.server = "--server=127.0.0.1:" + apiPort;
  }

  /** VLESS users (e-mail -> {uuid, flow}) added in one exec; the failures by e-mail. */
  Map<String, XrayApiException> addVless(String tag, int port, Map<String, String[]> users) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    ObjectNode inbound = root.putArray("inbounds").addObject();
    inbound.put("tag", tag).put("protocol", "vless").put("port", port);
    ObjectNode settings = inbound.putObject("settings").put("decryption", "none");
    ArrayNode clients = settings.putArray("clients");
    users.forEach((email, account) -> {
      ObjectNode c = clients.addObject().put("id", account[0]).put("email", email);
      if (!account[1].isEmpty()) {
        c.put("flow", account[1]);
      }
    });
    ExecResult r = run(bytes(root), "adu", server, "stdin:");
    return outcomes(r, "add user: ", users.keySet(), "result: ok");
  }

  /** Shadowsocks users (e-mail -> password) of one cipher added to the multi-user inbound in one exec. */
  Map<String, XrayApiException> addShadowsocks(String tag, int port, String method, Map<String, String> users) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    ObjectNode inbound = root.putArray("inbounds").addObject();
    inbound.put("tag", tag).put("protocol", "shadowsocks").put("port", port);
    ArrayNode clients = inbound.putObject("settings").put("network", "tcp,udp").putArray("clients");
    users.forEach((email, password) -> clients.addObject().put("method", method).put("password", password)
        .put("email", email).put("level", 0));
    ExecResult r = run(bytes(root), "adu", server, "stdin:");
    return outcomes(r, "add user: ", users.keySet(), "result: ok");
  }

  Map<String, XrayApiException> removeUsers(String tag, Collection<String> emails) {
    List<String> args = new ArrayList<>(List.of("rmu", server, "-tag=" + tag));
    args.addAll(emails);
    ExecResult r = run(null, args.toArray(String[]::new));
    return outcomes(r, "remove user: ", emails, null);
  }

  List<String> inboundUsers(String tag) {
    JsonNode answer = json(require(run(null, "inbounduser", server, "-tag=" + tag)));
    List<String> out = new ArrayList<>();
    answer.path("users").forEach(u -> out.add(u.path("email").asText()));
    return out;
  }

  Map<String, Long> queryStats(String pattern) {
    JsonNode answer = json(require(run(null, "statsquery", server, "-pattern", pattern)));
    Map<String, Long> out = new LinkedHashMap<>();
    answer.path("stat").forEach(s -> out.put(s.path("name").asText(), s.path("value").asLong(0)));
    return out;
  }

  /** Replaces an inbound with the given config (a JSON inbound object): rmi (absent is fine), then adi. */
  void replaceInbound(String tag, ObjectNode inbound) {
    ExecResult removed = run(null, "rmi", server, tag);
    String said = removed.stdout() + removed.stderr();
    if (!removed.ok() && !new XrayApiException(said, null).notFound()) {
      throw new XrayApiException(said.strip(), null);
    }
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.putArray("inbounds").add(inbound);
    require(run(bytes(root), "adi", server, "stdin:"));
  }

  private ExecResult run(byte[] stdin, String... apiArgs) {
    List<String> cmd = new ArrayList<>(List.of("xray", "api"));
    cmd.addAll(List.of(apiArgs));
    return runtime.exec(container, cmd, stdin, TIMEOUT);
  }

  private static String require(ExecResult r) {
    if (!r.ok()) {
      throw new XrayApiException(("xray api: " + r.stdout() + r.stderr()).strip(), null);
    }
    return r.stdout();
  }

  /**
   * Each name's outcome from the lines after its "add user:"/"remove user:" line: ok unless an error line follows
   * before the next name (with {@code okLine} given, only that line counts as ok). A name the output never mentions
   * failed with the whole output (the config did not build, the API did not answer).
   */
  static Map<String, XrayApiException> outcomes(ExecResult r, String marker, Collection<String> names,
                                                String okLine) {
    Map<String, String> seen = new LinkedHashMap<>();
    String current = null;
    for (String line : (r.stdout() + "\n" + r.stderr()).split("\n")) {
      String l = line.strip();
      if (l.startsWith(marker)) {
        current = l.substring(marker.length()).strip();
        seen.put(current, okLine == null ? "" : null);
      } else if (current != null && okLine != null && l.equals(okLine)) {
        seen.put(current, "");
        current = null;
      } else if (current != null && !l.isEmpty() && !l.startsWith("Added ") && !l.startsWith("Removed ")
          && !l.startsWith("processing inbound:")) {
        seen.put(current, l);
        current = null;
      }
    }
    Map<String, XrayApiException> failed = new LinkedHashMap<>();
    String all = (r.stdout() + r.stderr()).strip();
    for (String n : names) {
      String outcome = seen.get(n);
      if (outcome == null) {
        failed.put(n, new XrayApiException(all.isEmpty() ? "xray api gave no answer for " + n : all, null));
      } else if (!outcome.isEmpty()) {
        failed.put(n, new XrayApiException(outcome, null));
      }
    }
    return failed;
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return Json.MAPPER.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text.isBlank() ? "{}" : text);
    } catch (IOException e) {
      throw new XrayApiException("xray api printed no JSON: " + text.strip(), e);
    }
  }
}
