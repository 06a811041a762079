package dev.vpnmanager.testing;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A v2ray or Xray core's {@code StatsService/QueryStats} over the real gRPC wire (HTTP/2, netty), answering with a
 * hand-encoded {@code QueryStatsResponse{repeated Stat stat = 1}}, {@code Stat{name = 1, value = 2}}: uplink and
 * downlink of users u0..u(N-1) whose names contain the request's pattern. Every answer is a new generation g:
 * the counters of user i grow in the generations where (i + g) % changeEvery == 0 (every generation with
 * changeEvery 1, a tenth of the users per generation with 10), so user i's total (uplink + downlink) after
 * generation g is exactly {@link #total(int, long)}. The users' names begin with a prefix, "u" unless given, so
 * several stand-ins can play several servers with distinct users.
 */
public final class StatsStandIn implements AutoCloseable, CounterModel {
  private static final String GENERATION = "vpnmanager.standin.Control/Generation";
  public static final String METHOD = "v2ray.core.app.stats.command.StatsService/QueryStats";
  private final int users;
  private final int changeEvery;
  private final String prefix;
  private final AtomicLong generation = new AtomicLong();
  private final Server server;
  private final EpollEventLoopGroup loop;

  public StatsStandIn(int users) throws IOException {
    this(users, 1);
  }

  public StatsStandIn(int users, int changeEvery) throws IOException {
    this(users, changeEvery, "u");
  }

  /** Users prefix0..prefix(N-1). */
  public StatsStandIn(int users, int changeEvery, String prefix) throws IOException {
    this(users, changeEvery, prefix, null);
  }

  /**
   * Listening on the Unix socket {@code socket} (as a local server's core does by default: server.runtime.ApiSockets),
   * or on the loopback at a free port when null.
   */
  public StatsStandIn(int users, int changeEvery, String prefix, Path socket) throws IOException {
    this.users = users;
    this.changeEvery = changeEvery;
    this.prefix = prefix;
    NettyServerBuilder b;
    if (socket == null) {
      loop = null;
      b = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    } else {
      loop = new EpollEventLoopGroup(1);
      b = NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
          .channelType(EpollServerDomainSocketChannel.class).bossEventLoopGroup(loop).workerEventLoopGroup(loop);
    }
    for (String service : new String[] {"v2ray.core.", "xray."}) {
      b.addService(ServerServiceDefinition.builder(service + "app.stats.command.StatsService")
          .addMethod(method(service + "app.stats.command.StatsService/QueryStats"), ServerCalls.asyncUnaryCall(
              (request, answer) -> {
                pause();
                answer.onNext(encode(pattern(request), generation.incrementAndGet()));
                answer.onCompleted();
              })).build());
    }
    // an Xray core's user listing (every user u0..u(N-1) present) and user changes (accepted, no effect), so a
    // daemon's reconcile against this core finds it in sync, as against a real core
    b.addService(ServerServiceDefinition.builder("xray.app.proxyman.command.HandlerService")
        .addMethod(method("xray.app.proxyman.command.HandlerService/GetInboundUsers"), ServerCalls.asyncUnaryCall(
            (request, answer) -> {
              answer.onNext(inboundUsers());
              answer.onCompleted();
            }))
        .addMethod(method("xray.app.proxyman.command.HandlerService/AlterInbound"), ServerCalls.asyncUnaryCall(
            (request, answer) -> {
              answer.onNext(new byte[0]);
              answer.onCompleted();
            })).build());
    // for a harness in another process: the generation of the last answer, 8 bytes big-endian
    b.addService(ServerServiceDefinition.builder("vpnmanager.standin.Control")
        .addMethod(method(GENERATION), ServerCalls.asyncUnaryCall((request, answer) -> {
          answer.onNext(java.nio.ByteBuffer.allocate(8).putLong(generation.get()).array());
          answer.onCompleted();
        })).build());
    server = b.build().start();
  }

  /**
   * A stand-in in a JVM of its own (a harness then measures the manager's side without the core's garbage in its
   * heap): args USERS CHANGE_EVERY SOCKET; prints "ready" once it listens and stops when its stdin closes.
   */
  public static void main(String[] args) throws Exception {
    try (StatsStandIn core = new StatsStandIn(Integer.parseInt(args[0]), Integer.parseInt(args[1]), "u",
        Path.of(args[2]))) {
      System.out.println("ready");
      System.out.flush();
      System.in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    System.exit(0);
  }

  /** The model of a stand-in started by {@link #main} on {@code socket}: its generation asked over the socket. */
  public static CounterModel remote(Path socket, int changeEvery) {
    io.grpc.ManagedChannel ch = io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder
        .forAddress(new DomainSocketAddress(socket.toString()))
        .eventLoopGroup(new EpollEventLoopGroup(1))
        .channelType(io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel.class)
        .usePlaintext().build();
    return new CounterModel() {
      @Override
      public long generation() {
        byte[] b = io.grpc.stub.ClientCalls.blockingUnaryCall(ch, method(GENERATION), io.grpc.CallOptions.DEFAULT,
            new byte[0]);
        return java.nio.ByteBuffer.wrap(b).getLong();
      }

      @Override
      public long changes(int i, long g) {
        return StatsStandIn.changes(i, g, changeEvery);
      }

      @Override
      public long total(int i, long g) {
        return 10_000 * changes(i, g) + 3L * i;
      }
    };
  }

  static long changes(int i, long g, int changeEvery) {
    return Math.floorDiv(i + g, changeEvery) - Math.floorDiv(i, changeEvery);
  }

  private static MethodDescriptor<byte[], byte[]> method(String name) {
    return MethodDescriptor.<byte[], byte[]>newBuilder().setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(name).setRequestMarshaller(RAW).setResponseMarshaller(RAW).build();
  }

  /** {@code GetInboundUserResponse{repeated User users = 1}}, {@code User{email = 2}}. */
  private byte[] inboundUsers() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(users * 12);
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      for (int i = 0; i < users; i++) {
        String email = prefix + i;
        out.writeTag(1, 2);
        out.writeUInt32NoTag(CodedOutputStream.computeStringSize(2, email));
        out.writeString(2, email);
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private volatile long delayMillis;

  /**
   * Each QueryStats answer is held back this long before it is made (as a node across a network, or a busy core,
   * answers later); 0 unless set.
   */
  public StatsStandIn delay(long millis) {
    this.delayMillis = millis;
    return this;
  }

  private void pause() {
    if (delayMillis > 0) {
      try {
        Thread.sleep(delayMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  public int port() {
    return server.getPort();
  }

  /** The generation of the last answer. */
  @Override
  public long generation() {
    return generation.get();
  }

  /** How many of the generations 1..g grew user i's counters. */
  @Override
  public long changes(int i, long g) {
    return changes(i, g, changeEvery);
  }

  /** User i's uplink + downlink after generation g. */
  @Override
  public long total(int i, long g) {
    return 10_000 * changes(i, g) + 3L * i;
  }

  private static String pattern(byte[] request) {
    try {
      CodedInputStream in = CodedInputStream.newInstance(request);
      String pattern = "";
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        if (tag == (1 << 3 | 2)) {
          pattern = in.readString();
        } else {
          in.skipField(tag);
        }
      }
      return pattern;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private byte[] encode(String pattern, long gen) {
    try {
      byte[][] names = names(pattern);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(users * 96);
      CodedOutputStream out = CodedOutputStream.newInstance(bytes, 1 << 16);
      for (int i = 0; i < users; i++) {
        long changes = changes(i, gen);
        stat(out, names[2 * i], changes * 1_000 + i);
        stat(out, names[2 * i + 1], changes * 9_000 + 2L * i);
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String namesFor;
  private byte[][] names;

  /** The counters' names (uplink, downlink per user; null where the pattern leaves one out), made once. */
  private synchronized byte[][] names(String pattern) {
    if (!pattern.equals(namesFor)) {
      names = new byte[2 * users][];
      for (int i = 0; i < users; i++) {
        for (String dir : new String[] {"uplink", "downlink"}) {
          String name = "user>>>" + prefix + i + ">>>traffic>>>" + dir;
          names[2 * i + (dir.equals("uplink") ? 0 : 1)] = name.contains(pattern)
              ? name.getBytes(java.nio.charset.StandardCharsets.UTF_8) : null;
        }
      }
      namesFor = pattern;
    }
    return names;
  }

  private static void stat(CodedOutputStream out, byte[] name, long value) throws IOException {
    if (name == null) {
      return;
    }
    out.writeTag(1, 2);
    out.writeUInt32NoTag(CodedOutputStream.computeByteArraySize(1, name) + CodedOutputStream.computeInt64Size(2, value));
    out.writeByteArray(1, name);
    out.writeInt64(2, value);
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
    if (loop != null) {
      loop.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(2, TimeUnit.SECONDS);
    }
  }

  private static final MethodDescriptor.Marshaller<byte[]> RAW = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try (stream) {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };
}
