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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One conversation with ss-manager's UDP API ({@code add:}, {@code remove:}, {@code ping}, {@code list}): one
 * datagram per command, one answer each. The API has no authentication, so it listens on loopback only.
 * Answers to {@code list} hold passwords: they are parsed here and never logged.
 */
final class SsManager implements AutoCloseable {
  private static final ObjectMapper JSON = Json.MAPPER;
  private static final int TIMEOUT_MS = 2000;
  private final DatagramSocket socket;
  private final int port;

  SsManager(int port) {
    this.port = port;
    try {
      socket = new DatagramSocket();
      socket.setSoTimeout(TIMEOUT_MS);
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    } catch (IOException e) {
      throw new OperationFailedException("cannot open a socket to ss-manager on port " + port + ": " + e.getMessage());
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
      throw new OperationFailedException("ss-manager on 127.0.0.1:" + port + " did not answer: " + e.getMessage());
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
      throw new OperationFailedException("ss-manager on port " + port + " sent an answer that is not JSON");
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
