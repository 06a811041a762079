package dev.vpnmanager.server.v2ray;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import javax.inject.Singleton;

/** One long-lived plaintext gRPC channel per API address (host:port), shared by every call to that core. */
@Singleton
public final class XrayApis implements AutoCloseable {
  /**
   * QueryStats answers every counter in one message: about 82 bytes per user (uplink + downlink), so gRPC's
   * default 4 MiB limit fails from about 50,000 users on one server. 64 MiB covers some 800,000.
   */
  static final int MAX_ANSWER_BYTES = 64 * 1024 * 1024;
  private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

  @Inject
  public XrayApis() {}

  /** The API of the core listening on {@code host:port}; {@code core} is "xray" or "v2ray". */
  public XrayApi of(String host, int port, String core) {
    ManagedChannel ch = channels.computeIfAbsent(host + ":" + port, k ->
        NettyChannelBuilder.forAddress(host, port).usePlaintext()
            .maxInboundMessageSize(MAX_ANSWER_BYTES).build());
    return new XrayApi(ch, prefixOf(core));
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
  }
}
