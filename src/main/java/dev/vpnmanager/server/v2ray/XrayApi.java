package dev.vpnmanager.server.v2ray;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC API of one running v2ray or Xray core: HandlerService (users and inbounds) and StatsService. Method
 * descriptors and messages are written by hand; the only difference between the cores here is the name prefix
 * ({@code v2ray.core.} or {@code xray.}). Every call has a deadline; failures are {@link XrayApiException}s.
 */
public final class XrayApi {
  private static final long DEADLINE_MS = 5_000;
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

  private static final Map<String, MethodDescriptor<byte[], byte[]>> METHODS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final ManagedChannel channel;
  private final String prefix;

  XrayApi(ManagedChannel channel, String prefix) {
    this.channel = channel;
    this.prefix = prefix;
  }

  /** The message and service name prefix: "v2ray.core." or "xray.". */
  public String prefix() {
    return prefix;
  }

  /** AlterInbound with an AddUserOperation: {@code account} is the protocol's typed account message. */
  public void addUser(String inboundTag, String email, byte[] typedAccount) {
    Pb user = Pb.message().string(2, email).bytes(3, typedAccount);
    alter(inboundTag, Pb.typed(prefix + "app.proxyman.command.AddUserOperation", Pb.message().message(1, user)));
  }

  public void removeUser(String inboundTag, String email) {
    alter(inboundTag, Pb.typed(prefix + "app.proxyman.command.RemoveUserOperation", Pb.message().string(1, email)));
  }

  /** AddInbound of an encoded {@code InboundHandlerConfig} (see {@link Inbounds}). */
  public void addInbound(byte[] inboundHandlerConfig) {
    call("app.proxyman.command.HandlerService/AddInbound", Pb.message().bytes(1, inboundHandlerConfig).toBytes());
  }

  public void removeInbound(String tag) {
    call("app.proxyman.command.HandlerService/RemoveInbound", Pb.message().string(1, tag).toBytes());
  }

  /** QueryStats without reset: counter name to value, for names containing {@code pattern}. */
  public Map<String, Long> queryStats(String pattern) {
    byte[] answer = call("app.stats.command.StatsService/QueryStats", Pb.message().string(1, pattern).toBytes());
    Map<String, Long> out = new LinkedHashMap<>();
    Pb.read(answer, new Pb.FieldVisitor() {
      @Override
      public void bytes(int field, com.google.protobuf.ByteString stat) {
        if (field == 1) {
          String[] name = {""};
          long[] value = {0};
          Pb.read(stat.toByteArray(), new Pb.FieldVisitor() {
            @Override
            public void varint(int f, long v) {
              if (f == 2) {
                value[0] = v;
              }
            }

            @Override
            public void bytes(int f, com.google.protobuf.ByteString v) {
              if (f == 1) {
                name[0] = v.toStringUtf8();
              }
            }
          });
          out.put(name[0], value[0]);
        }
      }
    });
    return out;
  }

  /** A typed VLESS account {id = 1, flow = 2, encryption = 3} for {@link #addUser}. */
  public byte[] vlessAccount(String uuid, String flow) {
    return Pb.typed(prefix + "proxy.vless.Account", Pb.message().string(1, uuid).string(2, flow)
        .string(3, "none")).toBytes();
  }

  private void alter(String tag, Pb operation) {
    call("app.proxyman.command.HandlerService/AlterInbound",
        Pb.message().string(1, tag).message(2, operation).toBytes());
  }

  private byte[] call(String method, byte[] request) {
    MethodDescriptor<byte[], byte[]> md = METHODS.computeIfAbsent(prefix + method, name ->
        MethodDescriptor.<byte[], byte[]>newBuilder().setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(name).setRequestMarshaller(RAW).setResponseMarshaller(RAW).build());
    try {
      return ClientCalls.blockingUnaryCall(channel, md,
          CallOptions.DEFAULT.withDeadlineAfter(DEADLINE_MS, TimeUnit.MILLISECONDS), request);
    } catch (StatusRuntimeException e) {
      String why = e.getStatus().getDescription() == null ? e.getStatus().getCode().toString()
          : e.getStatus().getDescription();
      throw new XrayApiException(method.substring(method.lastIndexOf('/') + 1) + " failed: " + why, e);
    }
  }
}
