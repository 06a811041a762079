package dev.vpnmanager.server.wireguard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.common.OperationFailedException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link WgUapi} against an in-JVM unix socket speaking the UAPI text protocol as wireguard-go does (the real
 * server is exercised in {@code WireguardLiveTest}): requests as sent, answers parsed, errors reported without keys.
 */
class WgUapiTest {
  private static final String PUB = Base64.getEncoder().encodeToString(filled(1));
  private static final String PSK = Base64.getEncoder().encodeToString(filled(7));
  private static final String PRIVATE_HEX = "11".repeat(32);

  @TempDir Path dir;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private ServerSocketChannel server;

  @AfterEach
  void tearDown() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  private static byte[] filled(int b) {
    byte[] k = new byte[32];
    java.util.Arrays.fill(k, (byte) b);
    return k;
  }

  /** Answers each request on a connection with the next of {@code answers}. */
  private Path serve(String... answers) throws IOException {
    Path socket = dir.resolve("wg0.sock");
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    Thread t = new Thread(() -> {
      for (String answer : answers) {
        try (SocketChannel c = server.accept()) {
          ByteArrayOutputStream got = new ByteArrayOutputStream();
          ByteBuffer buf = ByteBuffer.allocate(4096);
          while (!got.toString(StandardCharsets.US_ASCII).endsWith("\n\n") && c.read(buf) > 0) {
            got.write(buf.array(), 0, buf.position());
            buf.clear();
          }
          requests.add(got.toString(StandardCharsets.US_ASCII));
          c.write(ByteBuffer.wrap(answer.getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
          return;
        }
      }
    });
    t.setDaemon(true);
    t.start();
    return socket;
  }

  private static String get(String peersText) {
    return "private_key=" + PRIVATE_HEX + "\nlisten_port=51820\n" + peersText + "errno=0\n\n";
  }

  @Test
  void addSendsHexKeysAndReadsTheAllowedIpsBack() throws IOException {
    String pubHex = WgUapi.toHex(PUB);
    Path socket = serve("errno=0\n\n", get("public_key=" + pubHex + "\npreshared_key=" + "07".repeat(32)
        + "\nprotocol_version=1\ntx_bytes=10\nrx_bytes=20\nallowed_ip=10.8.0.2/32\npublic_key=" + "22".repeat(32)
        + "\nrx_bytes=0\ntx_bytes=0\n"));
    WgUapi wg = new WgUapi(socket, () -> "id");
    Map<String, String> after = wg.add(List.of(new WgControl.Peer(PUB, PSK, "10.8.0.2")));
    assertEquals("set=1\npublic_key=" + pubHex + "\npreshared_key=" + "07".repeat(32)
        + "\nreplace_allowed_ips=true\nallowed_ip=10.8.0.2/32\n\n", requests.get(0));
    assertEquals("get=1\n\n", requests.get(1));
    String other = Base64.getEncoder().encodeToString(filled(0x22));
    assertEquals(Map.of(PUB, "10.8.0.2", other, ""), after);
  }

  @Test
  void transferIsReceivedThenSentPerPeer() throws IOException {
    Path socket = serve(get("public_key=" + WgUapi.toHex(PUB)
        + "\ntx_bytes=10\nrx_bytes=20\nallowed_ip=10.8.0.2/32\n"));
    Map<String, long[]> t = new WgUapi(socket, () -> "id").transfer();
    assertArrayEquals(new long[] {20, 10}, t.get(PUB));
  }

  @Test
  void removeSendsOneSetForAllKeys() throws IOException {
    Path socket = serve("errno=0\n\n");
    String other = Base64.getEncoder().encodeToString(filled(3));
    new WgUapi(socket, () -> "id").remove(List.of(PUB, other));
    assertEquals("set=1\npublic_key=" + "01".repeat(32) + "\nremove=true\npublic_key=" + "03".repeat(32)
        + "\nremove=true\n\n", requests.get(0));
  }

  @Test
  void aRefusedChangeFailsWithTheErrnoAndNoKey() throws IOException {
    Path socket = serve("errno=-22\n\n");
    OperationFailedException e = assertThrows(OperationFailedException.class,
        () -> new WgUapi(socket, () -> "id").add(List.of(new WgControl.Peer(PUB, PSK, "10.8.0.2"))));
    assertTrue(e.getMessage().contains("errno -22"), e.getMessage());
    assertFalse(e.getMessage().contains(WgUapi.toHex(PSK)) || e.getMessage().contains(PSK), e.getMessage());
  }

  @Test
  void reachableOnlyWhileSomethingListens() throws IOException {
    Path socket = serve(); // nothing accepts: a close is not deferred behind a blocked accept
    assertTrue(WgUapi.reachable(socket));
    server.close();
    server = null;
    assertTrue(Files.exists(socket), "a stale socket file stays behind");
    assertFalse(WgUapi.reachable(socket));
    assertFalse(WgUapi.reachable(dir.resolve("absent.sock")));
  }
}
