package dev.vpnmanager.server.v2ray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.protocol.ServerSpec;
import dev.vpnmanager.testing.StatsStandIn;
import dev.vpnmanager.traffic.CounterSink;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The traffic cycle's read of a v2ray/Xray core: the QueryStats answer decoded in place, user names handed to the
 * sink as bytes, uplink and downlink added up, every other counter left out, and no user list read.
 */
class V2rayCountersTest {
  @Test
  void everyUsersUplinkPlusDownlinkWithoutReadingTheUsers() throws Exception {
    try (StatsStandIn core = new StatsStandIn(5_000); XrayApis apis = new XrayApis()) {
      ServerSpec server = new ServerSpec("vless-1", "vless", "127.0.0.1", 443,
          Credentials.fromJson("{}").with("apiPort", Integer.toString(core.port())).with("core", "v2ray"));
      Map<String, Long> got = new HashMap<>();
      new V2rayCounters(apis, "v2ray").readInto(server, () -> {
        throw new AssertionError("the users were read");
      }, sink(got));
      assertEquals(5_000, got.size());
      long g = core.generation();
      for (int i = 0; i < 5_000; i += 499) {
        assertEquals(core.total(i, g), got.get("u" + i), "u" + i);
      }
    }
  }

  @Test
  void onlyUserTrafficCountersCount() {
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    for (Object[] s : List.of(new Object[] {"user>>>alice>>>traffic>>>uplink", 300L},
        new Object[] {"user>>>alice>>>traffic>>>downlink", 4_000L},
        new Object[] {"inbound>>>api>>>traffic>>>uplink", 77L},
        new Object[] {"user>>>bob>>>online", 1L},
        new Object[] {"user>>>>>>traffic>>>uplink", 5L},
        new Object[] {"user>>>bob>>>traffic>>>uplink", 0L})) {
      byte[] stat = Pb.message().string(1, (String) s[0]).uint(2, (Long) s[1]).toBytes();
      answer.writeBytes(Pb.message().bytes(1, stat).toBytes());
    }
    Map<String, Long> got = new HashMap<>();
    XrayApi.forEachStat(answer.toByteArray(), (b, from, to, value) -> {
      int end = V2rayCounters.userEnd(b, from, to);
      if (end > 0) {
        sink(got).add(b, from + "user>>>".length(), end, value);
      }
    });
    assertEquals(Map.of("alice", 4_300L, "bob", 0L), got);
  }

  @Test
  void aTruncatedAnswerFailsInsteadOfCountingPart() {
    byte[] stat = Pb.message().string(1, "user>>>alice>>>traffic>>>uplink").uint(2, 300).toBytes();
    byte[] whole = Pb.message().bytes(1, stat).toBytes();
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 3);
    assertThrows(UncheckedIOException.class, () -> XrayApi.forEachStat(cut, (b, from, to, value) -> {}));
  }

  /**
   * The answer read as a stream in pieces of 1 to 7 bytes: stats across the buffer's edges, a stat longer than the
   * buffer and an unknown field longer than it decode as when read whole; the count is the number of stats.
   */
  @Test
  void aStreamReadInPiecesDecodesAsAWholeAnswer() throws Exception {
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    answer.writeBytes(Pb.message().bytes(7, new byte[StatStream.CHUNK * 2 + 5]).toBytes()); // unknown, skipped
    Map<String, Long> want = new HashMap<>();
    for (int i = 0; i < 20_000; i++) {
      String name = i == 7_777 ? "x".repeat(StatStream.CHUNK + 11) : "user>>>u" + i + ">>>traffic>>>uplink";
      answer.writeBytes(Pb.message().bytes(1, Pb.message().string(1, name).uint(2, i).toBytes()).toBytes());
      want.put(name, (long) i);
    }
    java.util.Random rnd = new java.util.Random(7);
    java.io.InputStream pieces = new java.io.ByteArrayInputStream(answer.toByteArray()) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1 + rnd.nextInt(7)));
      }
    };
    Map<String, Long> got = new HashMap<>();
    int n = StatStream.read(pieces, (b, from, to, value) ->
        got.put(new String(b, from, to - from, StandardCharsets.UTF_8), value));
    assertEquals(20_000, n);
    assertEquals(want, got);
  }

  /**
   * A hostile or corrupt core claiming a stat of about 2 GB in a short answer: the claim fails as malformed after
   * the bytes that did come, without a buffer of the claimed size (the heap is 96 MB).
   */
  @Test
  void aClaimedLengthBeyondTheAnswerFailsWithoutAllocatingIt() {
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    answer.write(1 << 3 | 2);
    for (long l = Integer.MAX_VALUE - StatStream.CHUNK - 1; l >= 0x80; l >>>= 7) { // the varint of the length
      answer.write((int) (l & 0x7f) | 0x80);
    }
    answer.write((int) ((Integer.MAX_VALUE - StatStream.CHUNK - 1L) >>> 28));
    answer.writeBytes(new byte[1_000]);
    byte[] bytes = answer.toByteArray();
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> StatStream.read(new java.io.ByteArrayInputStream(bytes), (b, from, to, value) -> {}));
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertEquals("malformed protobuf answer: truncated", e.getCause().getMessage());
    assertTrue(allocated < 4 * 1024 * 1024, "allocated " + allocated + " bytes for a 1 KB answer");
  }

  private static CounterSink sink(Map<String, Long> into) {
    return new CounterSink() {
      @Override
      public void add(String name, long bytes) {
        into.merge(name, bytes, Long::sum);
      }

      @Override
      public void add(byte[] utf8, int from, int to, long bytes) {
        add(new String(utf8, from, to - from, StandardCharsets.UTF_8), bytes);
      }
    };
  }
}
