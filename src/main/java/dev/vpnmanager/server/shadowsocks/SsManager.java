package dev.vpnmanager.server.shadowsocks;

import dev.vpnmanager.config.Json;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vpnmanager.common.OperationFailedException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * One conversation with ss-manager's datagram API ({@code add:}, {@code remove:}, {@code ping}, {@code list}): one
 * datagram per command, one answer each. The API has no authentication: it listens on a Unix socket in the data
 * dir (this side binds a socket of its own beside it, since ss-manager answers to the sender's path, and removes it
 * at close), or, in containers planned before that, on UDP on the host's loopback. Answers to {@code list} hold
 * passwords: they are parsed here and never logged.
 */
final class SsManager implements AutoCloseable {
  private static final ObjectMapper JSON = Json.MAPPER;
  private static final int TIMEOUT_MS = 2000;
  private final DatagramSocket socket;
  private final String where;
  private final Path own;

  /** UDP on the host's loopback at {@code port}. */
  SsManager(int port) {
    this.where = "127.0.0.1:" + port;
    this.own = null;
    try {
      socket = new DatagramSocket();
      socket.setSoTimeout(TIMEOUT_MS);
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    } catch (IOException e) {
      throw new OperationFailedException("cannot open a socket to ss-manager on " + where + ": " + e.getMessage());
    }
  }

  /** The Unix datagram socket at {@code path}; this side's own socket is a fresh name in the same directory. */
  SsManager(Path path) {
    this.where = path.toString();
    this.own = path.resolveSibling("manager-" + UUID.randomUUID().toString().substring(0, 8) + ".sock");
    AFUNIXDatagramSocket s = null;
    try {
      s = AFUNIXDatagramSocket.newInstance();
      s.bind(AFUNIXSocketAddress.of(own));
      s.setSoTimeout(TIMEOUT_MS);
      s.connect(AFUNIXSocketAddress.of(path));
      socket = s;
    } catch (IOException e) {
      if (s != null) {
        s.close();
      }
      unlinkOwn();
      throw new OperationFailedException("cannot open a socket to ss-manager at " + where + ": " + e.getMessage());
    }
  }

  /** "ok" or ss-manager's reason. */
  String add(int userPort, String password, String method) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("server_port", userPort);
    body.put("password", password);
    body.put("method", method);
    return call("add: " + json(body));
  }

  String remove(int userPort) {
    return call("remove: " + json(Map.of("server_port", userPort)));
  }

  /** Port -> bytes (sent and received together) of every port served now, since its ss-server started. */
  Map<Integer, Long> stat() {
    String answer = call("ping");
    if (!answer.startsWith("stat:")) {
      throw new OperationFailedException("ss-manager answered ping with something else than stat");
    }
    Map<String, Long> raw = parse(answer.substring(5), new TypeReference<>() {});
    Map<Integer, Long> out = new LinkedHashMap<>();
    raw.forEach((k, v) -> out.put(Integer.parseInt(k), v));
    return out;
  }

  /** Port -> password of every port served now. */
  Map<Integer, String> list() {
    List<Map<String, Object>> rows = parse(call("list"), new TypeReference<>() {});
    Map<Integer, String> out = new LinkedHashMap<>();
    for (Map<String, Object> r : rows) {
      out.put(Integer.parseInt(String.valueOf(r.get("server_port"))), String.valueOf(r.get("password")));
    }
    return out;
  }

  private String call(String command) {
    byte[] data = command.getBytes(StandardCharsets.UTF_8);
    try {
      socket.send(new DatagramPacket(data, data.length));
      byte[] buf = new byte[65507];
      DatagramPacket answer = new DatagramPacket(buf, buf.length);
      socket.receive(answer);
      return new String(buf, 0, answer.getLength(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new OperationFailedException("ss-manager at " + where + " did not answer: " + e.getMessage());
    }
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private <T> T parse(String text, TypeReference<T> type) {
    try {
      return JSON.readValue(text.strip(), type);
    } catch (IOException e) {
      throw new OperationFailedException("ss-manager at " + where + " sent an answer that is not JSON");
    }
  }

  @Override
  public void close() {
    socket.close();
    unlinkOwn();
  }

  private void unlinkOwn() {
    if (own != null) {
      try {
        Files.deleteIfExists(own);
      } catch (IOException e) {
        // a leftover name in the manager's own 0700 directory; the next deploy empties it
      }
    }
  }
}
