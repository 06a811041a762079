package dev.vpnmanager.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.testing.ChildJvm;
import dev.vpnmanager.testing.Cli;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an attacker sends to the public HTTP face, over raw sockets against the real daemon (serve, debug
 * logging): unknown and malformed tokens, huge headers and URLs, path traversal, unknown formats, odd methods.
 * Every answer is a short plain 4xx without a stack trace, server version or echo of the input, and the log
 * holds no token.
 */
class HttpAttackerTest {
  @TempDir Path dir;

  @Test
  void badInputGetsAPlain4xxAndNothingRevealingIsLogged() throws Exception {
    Cli cli = new Cli(dir).env("VPN_HTTP_PUBLIC_URL", "https://vpn.example.test").env("VPN_VLESS_SNI_CHECK", "false");
    assertEquals(0, cli.run("users", "add", "alice", "--protocol", "vless").code());
    String url = cli.run("users", "config", "alice", "--format", "sub").out().trim();
    String token = url.substring(url.lastIndexOf('/') + 1);
    String rotatedAway = token;
    String fresh = cli.run("users", "sub-rotate", "alice").out().trim();
    token = fresh.substring(fresh.lastIndexOf('/') + 1);

    Path log = dir.resolve("serve.log");
    ProcessBuilder pb = ChildJvm.builder(dir, "serve").redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("VPN_HTTP_PUBLIC_URL", "https://vpn.example.test");
    pb.environment().put("VPN_LOG_LEVEL", "debug");
    Process serve = pb.start();
    try {
      int port = awaitPort(log);
      String probe = "Zq9" + "x".repeat(40);
      List<String[]> cases = new ArrayList<>();
      cases.add(new String[] {"GET /sub/" + probe + " HTTP/1.1", "404"});
      cases.add(new String[] {"GET /sub/" + rotatedAway + " HTTP/1.1", "404"});
      cases.add(new String[] {"GET /sub/%3Cscript%3Ealert(1)%3C%2Fscript%3E HTTP/1.1", "404"});
      cases.add(new String[] {"GET /sub/%00%0d%0aSet-Cookie:x HTTP/1.1", "400|404"});
      cases.add(new String[] {"GET /sub/../../../../etc/passwd HTTP/1.1", "400|404"});
      cases.add(new String[] {"GET /sub/..%2F..%2F..%2Fetc%2Fpasswd HTTP/1.1", "400|404"});
      cases.add(new String[] {"GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1", "400|404"});
      cases.add(new String[] {"GET /sub/" + token + "?format=" + probe + " HTTP/1.1", "400"});
      cases.add(new String[] {"GET /sub/" + "A".repeat(20_000) + " HTTP/1.1", "414|431"});
      cases.add(new String[] {"GET /sub/" + probe + " HTTP/1.1\r\nX-Big: " + "b".repeat(64_000), "431"});
      cases.add(new String[] {"TRACE /sub/" + token + " HTTP/1.1", "404|405"});
      cases.add(new String[] {"POST /sub/" + token + " HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc", "404|405"});
      cases.add(new String[] {"GET /api/v1/users HTTP/1.1\r\nAuthorization: Bearer " + probe, "401|404"});
      cases.add(new String[] {"GET /metrics/../sub/" + probe + " HTTP/1.1", "400|404"});
      for (String[] c : cases) {
        String answer = raw(port, c[0]);
        String label = c[0].length() > 80 ? c[0].substring(0, 80) + "..." : c[0];
        Matcher status = Pattern.compile("^HTTP/1\\.1 (\\d{3})").matcher(answer);
        assertTrue(status.find(), label + ": " + answer);
        assertTrue(status.group(1).matches(c[1]), label + ": " + status.group(1) + "\n" + answer);
        String lower = answer.toLowerCase();
        assertFalse(lower.contains("exception") || lower.contains("\tat ") || lower.contains("jetty")
            || lower.contains("javalin") || lower.contains("server:"), label + ":\n" + answer);
        assertFalse(answer.contains(probe) || answer.contains("script") || answer.contains("passwd"),
            "input echoed: " + label + ":\n" + answer);
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        assertTrue(body.length() < 200, label + ": " + body);
      }
      String ok = raw(port, "GET /sub/" + token + " HTTP/1.1\r\nUser-Agent: v2rayNG/1.9");
      assertTrue(ok.startsWith("HTTP/1.1 200"), ok);
    } finally {
      serve.destroy();
      serve.waitFor(20, TimeUnit.SECONDS);
      serve.destroyForcibly();
    }
    String out = Files.readString(log);
    assertFalse(out.contains(token), "a token was logged:\n" + out);
    assertFalse(out.contains(rotatedAway), "a token was logged:\n" + out);
    assertFalse(out.contains("Zq9xxxx"), "a probe was logged:\n" + out);
    assertFalse(out.contains("\tat "), "a stack trace was logged:\n" + out);
  }

  private static int awaitPort(Path log) throws Exception {
    Pattern p = Pattern.compile("HTTP on http://127\\.0\\.0\\.1:(\\d+)");
    for (int i = 0; i < 600; i++) {
      if (Files.exists(log)) {
        Matcher m = p.matcher(Files.readString(log));
        if (m.find()) {
          return Integer.parseInt(m.group(1));
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("serve did not start:\n" + Files.readString(log));
  }

  /** One request over a raw socket (so nothing normalises it first); the whole answer as text. */
  static String raw(int port, String requestHead) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      String head = requestHead.contains("\r\n\r\n") ? requestHead + "" : requestHead + "\r\n";
      String req = head.contains("\r\n\r\n") ? head.replaceFirst(" HTTP/1.1", " HTTP/1.1\r\nHost: localhost\r\nConnection: close")
          : head.replaceFirst(" HTTP/1.1", " HTTP/1.1\r\nHost: localhost\r\nConnection: close") + "\r\n";
      out.write(req.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      StringBuilder b = new StringBuilder();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1))) {
        char[] buf = new char[8192];
        for (int n; (n = r.read(buf)) > 0; ) {
          b.append(buf, 0, n);
        }
      } catch (java.net.SocketException e) {
        // the server may close after answering a request it refused
      }
      return b.toString();
    }
  }
}
