package dev.vpnmanager.server.v2ray;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * One long-lived plaintext gRPC channel per API address (host:port, or a Unix socket path), shared by every call to
 * that core. Unix sockets go through Netty's epoll transport (bundled in grpc-netty-shaded, Linux), on one event
 * loop thread of its own, made on first use.
 */
@Singleton
public final class XrayApis implements AutoCloseable {
  /**
   * QueryStats answers every counter in one message: about 82 bytes per user (uplink + downlink), so gRPC's
   * default 4 MiB limit fails from about 50,000 users on one server. 64 MiB covers some 800,000.
   */
  static final int MAX_ANSWER_BYTES = 64 * 1024 * 1024;
  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();
  private EpollEventLoopGroup epoll;

  @Inject
  public XrayApis() {}

  /** The API of the core listening on {@code host:port}; {@code core} is "xray" or "v2ray". */
  public XrayApi of(String host, int port, String core) {
    ManagedChannel ch = channels.computeIfAbsent(host + ":" + port, k ->
        NettyChannelBuilder.forAddress(host, port).usePlaintext()
            .maxInboundMessageSize(MAX_ANSWER_BYTES).build());
    return new XrayApi(ch, prefixOf(core));
  }

  /** The API of the core listening on the Unix socket {@code path}. */
  public XrayApi ofSocket(Path path, String core) {
    ManagedChannel ch = channels.computeIfAbsent("unix:" + path, k ->
        NettyChannelBuilder.forAddress(new DomainSocketAddress(path.toString()))
            .eventLoopGroup(epoll()).channelType(EpollDomainSocketChannel.class).usePlaintext()
            .maxInboundMessageSize(MAX_ANSWER_BYTES).build());
    return new XrayApi(ch, prefixOf(core));
  }

  private synchronized EpollEventLoopGroup epoll() {
    if (epoll == null) {
      epoll = new EpollEventLoopGroup(1);
    }
    return epoll;
  }

  public static String prefixOf(String core) {
    return "xray".equals(core) ? "xray." : "v2ray.core.";
  }

  /** The API of a local server's core, where its settings say it answers (what live sync uses; for tests too). */
  public XrayApi forServer(dev.vpnmanager.protocol.ServerSpec server) {
    return CoreApi.of(this, server, "xray");
  }

  @Override
  public void close() {
    channels.values().forEach(ManagedChannel::shutdownNow);
    for (ManagedChannel c : channels.values()) {
      try {
        c.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    channels.clear();
    synchronized (this) {
      if (epoll != null) {
        epoll.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        epoll = null;
      }
    }
  }
}
