package dev.vpnmanager.server.v2ray;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every hand-encoded API message, byte for byte, per core. The Xray bytes come from Xray-core's own generated
 * types (src/test/go/xray-golden); the v2ray bytes are the same messages under v2ray 4's names and field numbers.
 */
class XrayApiGoldenTest {
  static final String UUID = "11111111-2222-4333-8444-555555555555";
  static final String FLOW = "xtls-rprx-vision";

  @Test
  void xrayRequestsMatchXrayCoresOwnEncoding() {
    String account = hex(XrayApi.vlessAccount("xray.", UUID, FLOW));
    assertEquals("0a08766c6573732d696e1293010a2a787261792e6170702e70726f78796d616e2e636f6d6d616e642e4164645573"
        + "65724f7065726174696f6e12650a631205616c6963651a5a" + account,
        hex(XrayApi.addUserRequest("xray.", "vless-in", "alice", XrayApi.vlessAccount("xray.", UUID, FLOW))));
    assertEquals("0a18787261792e70726f78792e766c6573732e4163636f756e74123e0a2431313131313131312d323232322d3433"
        + "33332d383434342d353535353535353535353535121078746c732d727072782d766973696f6e1a046e6f6e65", account);
    assertEquals("0a08766c6573732d696e12380a2d787261792e6170702e70726f78796d616e2e636f6d6d616e642e52656d6f766555"
        + "7365724f7065726174696f6e12070a05616c696365", hex(XrayApi.removeUserRequest("xray.", "vless-in", "alice")));
    assertEquals("0a08766c6573732d696e", hex(XrayApi.inboundUsersRequest("vless-in")));
    assertEquals("0a07757365723e3e3e", hex(XrayApi.queryStatsRequest("user>>>")));
    assertEquals("0a08736f636b732d696e", hex(XrayApi.removeInboundRequest("socks-in")));
    assertEquals("0a750a08736f636b732d696e12360a20787261792e6170702e70726f78796d616e2e5265636569766572436f6e66"
        + "696712120a080a0608b80810b80812060a047f0000011a310a1d787261792e70726f78792e736f636b732e5365727665"
        + "72436f6e66696712100801120c0a05616c6963651203707731",
        hex(XrayApi.addInboundRequest(Inbounds.socks("xray.", "socks-in", "127.0.0.1", 1080, Map.of("alice", "pw1")))));
    assertEquals("0a690a07687474702d696e122e0a20787261792e6170702e70726f78796d616e2e5265636569766572436f6e6669"
        + "67120a0a080a0608903f10903f1a2e0a1c787261792e70726f78792e687474702e536572766572436f6e666967120e12"
        + "0c0a05616c6963651203707731",
        hex(XrayApi.addInboundRequest(Inbounds.http("xray.", "http-in", "0.0.0.0", 8080, Map.of("alice", "pw1")))));
  }

  /** Shadowsocks users of the xray core's multi-user inbound: Account{password = 1, cipher_type = 2}, Xray's enum. */
  @Test
  void xrayShadowsocksAccountsMatchXrayCoresOwnEncoding() {
    String type = "0a1e787261792e70726f78792e736861646f77736f636b732e4163636f756e7412070a03707731";
    assertEquals(type + "1005", hex(XrayApi.shadowsocksAccount("pw1", "aes-128-gcm")));
    assertEquals(type + "1006", hex(XrayApi.shadowsocksAccount("pw1", "aes-256-gcm")));
    assertEquals(type + "1007", hex(XrayApi.shadowsocksAccount("pw1", "chacha20-ietf-poly1305")));
    assertEquals("0a0573732d696e12620a2a787261792e6170702e70726f78796d616e2e636f6d6d616e642e416464557365724f7065"
        + "726174696f6e12340a321205616c6963651a290a1e787261792e70726f78792e736861646f77736f636b732e4163636f756e"
        + "7412070a037077311007", hex(XrayApi.addUserRequest("xray.", "ss-in", "alice",
            XrayApi.shadowsocksAccount("pw1", "chacha20-ietf-poly1305"))));
  }

  @Test
  void v2rayRequestsUseV2raysNamesAndAPortRangeReceiver() {
    String fields = "0a24" + ascii(UUID) + "1a04" + ascii("none");
    String account = "0a1e" + ascii("v2ray.core.proxy.vless.Account") + "12" + len(fields) + fields;
    assertEquals(account, hex(XrayApi.vlessAccount("v2ray.core.", UUID, "")));
    String user = "1205" + ascii("alice") + "1a" + len(account) + account;
    String op = "0a" + len(user) + user;
    String typed = "0a30" + ascii("v2ray.core.app.proxyman.command.AddUserOperation") + "12" + len(op) + op;
    assertEquals("0a08" + ascii("vless-in") + "12" + varlen(typed) + typed,
        hex(XrayApi.addUserRequest("v2ray.core.", "vless-in", "alice", XrayApi.vlessAccount("v2ray.core.", UUID, ""))));
    String remove = "0a33" + ascii("v2ray.core.app.proxyman.command.RemoveUserOperation") + "1207" + "0a05"
        + ascii("alice");
    assertEquals("0a08" + ascii("vless-in") + "12" + len(remove) + remove,
        hex(XrayApi.removeUserRequest("v2ray.core.", "vless-in", "alice")));
    // ReceiverConfig{port_range = 1 PortRange{from = 1, to = 2}, listen = 2}: no PortList in v4
    String receiver = "0a0608b80810b808" + "12060a047f000001";
    String typedReceiver = "0a26" + ascii("v2ray.core.app.proxyman.ReceiverConfig") + "12" + len(receiver) + receiver;
    String socks = "0801" + "120c0a05" + ascii("alice") + "1203" + ascii("pw1");
    String typedSocks = "0a23" + ascii("v2ray.core.proxy.socks.ServerConfig") + "12" + len(socks) + socks;
    String handler = "0a08" + ascii("socks-in") + "12" + len(typedReceiver) + typedReceiver + "1a" + len(typedSocks)
        + typedSocks;
    assertEquals("0a" + len(handler) + handler, hex(XrayApi.addInboundRequest(
        Inbounds.socks("v2ray.core.", "socks-in", "127.0.0.1", 1080, Map.of("alice", "pw1")))));
  }

  @Test
  void answersAreDecodedAsXrayWritesThem() {
    byte[] users = HexFormat.of().parseHex("0a631205616c6963651a5a0a18787261792e70726f78792e766c6573732e4163636f"
        + "756e74123e0a2431313131313131312d323232322d343333332d383434342d353535353535353535353535121078746c73"
        + "2d727072782d766973696f6e1a046e6f6e650a051203626f62");
    List<String> emails = new java.util.ArrayList<>();
    Pb.read(users, new Pb.FieldVisitor() {
      @Override
      public void bytes(int field, com.google.protobuf.ByteString user) {
        Pb.read(user.toByteArray(), new Pb.FieldVisitor() {
          @Override
          public void bytes(int f, com.google.protobuf.ByteString v) {
            if (f == 2) {
              emails.add(v.toStringUtf8());
            }
          }
        });
      }
    });
    assertEquals(List.of("alice", "bob"), emails);
    Map<String, Long> stats = new LinkedHashMap<>(XrayApi.decodeStats(HexFormat.of().parseHex(
        "0a240a1f757365723e3e3e616c6963653e3e3e747261666669633e3e3e75706c696e6b10ac02")));
    assertEquals(Map.of("user>>>alice>>>traffic>>>uplink", 300L), stats);
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  private static String ascii(String s) {
    return HexFormat.of().formatHex(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  /** A one-byte length (< 128) of a hex string's bytes. */
  private static String len(String hex) {
    int n = hex.length() / 2;
    if (n >= 128) {
      throw new IllegalArgumentException("use varlen");
    }
    return String.format("%02x", n);
  }

  private static String varlen(String hex) {
    int n = hex.length() / 2;
    return n < 128 ? String.format("%02x", n) : String.format("%02x%02x", (n & 0x7f) | 0x80, n >> 7);
  }
}
