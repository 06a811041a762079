package dev.vpnmanager.server.wireguard;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One request on a unix stream socket, bounded in time: writes it whole, reads until the answer ends with a blank
 * line (the UAPI's end of answer) or the peer closes. Non-blocking with a selector, so a hung server cannot hold the
 * caller past the timeout in either direction.
 */
final class UapiExchange {
  private UapiExchange() {}

  static String send(Path socket, byte[] request, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX); Selector sel = Selector.open()) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      ch.configureBlocking(false);
      ByteBuffer out = ByteBuffer.wrap(request);
      SelectionKey key = ch.register(sel, SelectionKey.OP_WRITE);
      while (out.hasRemaining()) {
        await(sel, deadline);
        ch.write(out);
      }
      key.interestOps(SelectionKey.OP_READ);
      ByteArrayOutputStream in = new ByteArrayOutputStream();
      ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
      int last = -1;
      int beforeLast = -1;
      while (!(last == '\n' && beforeLast == '\n')) {
        await(sel, deadline);
        int n = ch.read(buf);
        if (n < 0) {
          break;
        }
        if (n > 0) {
          in.write(buf.array(), 0, n);
          beforeLast = n > 1 ? buf.get(n - 2) : last;
          last = buf.get(n - 1);
          buf.clear();
        }
      }
      return in.toString(StandardCharsets.US_ASCII);
    }
  }

  private static void await(Selector sel, long deadline) throws IOException {
    long left = (deadline - System.nanoTime()) / 1_000_000;
    if (left <= 0 || sel.select(left) == 0 && System.nanoTime() >= deadline) {
      throw new IOException("no answer within the timeout");
    }
    sel.selectedKeys().clear();
  }
}
