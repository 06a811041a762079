package dev.vpnmanager.server.v2ray;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC API of one running v2ray or Xray core: HandlerService (users and inbounds) and StatsService. Method
 * descriptors and messages are written by hand; the only difference between the cores here is the name prefix
 * ({@code v2ray.core.} or {@code xray.}). Every call has a deadline; failures are {@link XrayApiException}s.
 */
public final class XrayApi {
  private static final long DEADLINE_MS = 5_000;
  /** Calls of one batch in flight at once. */
  static final int WINDOW = 256;
  private static final MethodDescriptor.Marshaller<byte[]> RAW = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    /** Sized once when gRPC knows the message's length (it does for a received message): no growing copies. */
    @Override
    public byte[] parse(InputStream stream) {
      try (stream) {
        if (stream instanceof io.grpc.KnownLength) {
          byte[] out = new byte[stream.available()];
          if (stream.readNBytes(out, 0, out.length) == out.length && stream.read() < 0) {
            return out;
          }
          throw new IOException("answer shorter or longer than announced");
        }
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };

  private static final Map<String, MethodDescriptor<byte[], byte[]>> METHODS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static final String ALTER = "app.proxyman.command.HandlerService/AlterInbound";

  private final ManagedChannel channel;
  private final String prefix;
  private final long deadlineMs;

  XrayApi(ManagedChannel channel, String prefix) {
    this(channel, prefix, DEADLINE_MS);
  }

  private XrayApi(ManagedChannel channel, String prefix, long deadlineMs) {
    this.channel = channel;
    this.prefix = prefix;
    this.deadlineMs = deadlineMs;
  }

  /** The same core with another deadline for each call (5 s by default), counted from the call's sending. */
  public XrayApi withDeadline(java.time.Duration deadline) {
    return new XrayApi(channel, prefix, deadline.toMillis());
  }

  /** The message and service name prefix: "v2ray.core." or "xray.". */
  public String prefix() {
    return prefix;
  }

  /** AlterInbound with an AddUserOperation: {@code account} is the protocol's typed account message. */
  public void addUser(String inboundTag, String email, byte[] typedAccount) {
    call(ALTER, addUserRequest(prefix, inboundTag, email, typedAccount));
  }

  public void removeUser(String inboundTag, String email) {
    call(ALTER, removeUserRequest(prefix, inboundTag, email));
  }

  /**
   * Adds many users at once: the AlterInbound calls go side by side on one HTTP/2 connection, up to
   * {@link #WINDOW} in flight (a next one is sent as soon as one is answered). Returns the failures by e-mail; an e-mail not in it was added.
   */
  public Map<String, XrayApiException> addUsers(String inboundTag, Map<String, byte[]> typedAccounts) {
    Map<String, byte[]> requests = new LinkedHashMap<>();
    typedAccounts.forEach((email, account) -> requests.put(email, addUserRequest(prefix, inboundTag, email, account)));
    return batch(ALTER, requests);
  }

  /** Removes many users at once, as {@link #addUsers}. */
  public Map<String, XrayApiException> removeUsers(String inboundTag, Collection<String> emails) {
    Map<String, byte[]> requests = new LinkedHashMap<>();
    emails.forEach(email -> requests.put(email, removeUserRequest(prefix, inboundTag, email)));
    return batch(ALTER, requests);
  }

  /**
   * The e-mails of an inbound's users, from HandlerService/GetInboundUsers ({@code GetInboundUserRequest{tag = 1,
   * email = 2}} -> {@code GetInboundUserResponse{repeated User users = 1}}). Xray only: v2ray 4 has no such call.
   */
  public List<String> inboundUsers(String inboundTag) {
    byte[] answer = call("app.proxyman.command.HandlerService/GetInboundUsers", inboundUsersRequest(inboundTag));
    List<String> out = new ArrayList<>();
    Pb.read(answer, new Pb.FieldVisitor() {
      @Override
      public void bytes(int field, com.google.protobuf.ByteString user) {
        if (field == 1) {
          Pb.read(user.toByteArray(), new Pb.FieldVisitor() {
            @Override
            public void bytes(int f, com.google.protobuf.ByteString v) {
              if (f == 2) {
                out.add(v.toStringUtf8());
              }
            }
          });
        }
      }
    });
    return out;
  }

  /** {@code AlterInboundRequest{tag = 1, operation = 2 TypedMessage(AddUserOperation{user = 1 User{email = 2, account = 3}})}}. */
  static byte[] addUserRequest(String prefix, String tag, String email, byte[] typedAccount) {
    Pb user = Pb.message().string(2, email).bytes(3, typedAccount);
    return alterRequest(tag, Pb.typed(prefix + "app.proxyman.command.AddUserOperation", Pb.message().message(1, user)));
  }

  /** {@code AlterInboundRequest{tag = 1, operation = 2 TypedMessage(RemoveUserOperation{email = 1})}}. */
  static byte[] removeUserRequest(String prefix, String tag, String email) {
    return alterRequest(tag, Pb.typed(prefix + "app.proxyman.command.RemoveUserOperation",
        Pb.message().string(1, email)));
  }

  static byte[] inboundUsersRequest(String tag) {
    return Pb.message().string(1, tag).toBytes();
  }

  /** {@code QueryStatsRequest{pattern = 1, reset = 2}}, never reset. */
  static byte[] queryStatsRequest(String pattern) {
    return Pb.message().string(1, pattern).toBytes();
  }

  /** {@code AddInboundRequest{inbound = 1}}. */
  static byte[] addInboundRequest(byte[] inboundHandlerConfig) {
    return Pb.message().bytes(1, inboundHandlerConfig).toBytes();
  }

  /** {@code RemoveInboundRequest{tag = 1}}. */
  static byte[] removeInboundRequest(String tag) {
    return Pb.message().string(1, tag).toBytes();
  }

  private static byte[] alterRequest(String tag, Pb operation) {
    return Pb.message().string(1, tag).message(2, operation).toBytes();
  }

  /** AddInbound of an encoded {@code InboundHandlerConfig} (see {@link Inbounds}). */
  public void addInbound(byte[] inboundHandlerConfig) {
    call("app.proxyman.command.HandlerService/AddInbound", addInboundRequest(inboundHandlerConfig));
  }

  public void removeInbound(String tag) {
    call("app.proxyman.command.HandlerService/RemoveInbound", removeInboundRequest(tag));
  }

  /** QueryStats without reset: counter name to value, for names containing {@code pattern}. */
  public Map<String, Long> queryStats(String pattern) {
    return decodeStats(call("app.stats.command.StatsService/QueryStats", queryStatsRequest(pattern)));
  }

  /** The QueryStats answer as it came (see {@link #forEachStat}): at 100,000 users about 8 MB. */
  public byte[] queryStatsAnswer(String pattern) {
    return call("app.stats.command.StatsService/QueryStats", queryStatsRequest(pattern));
  }

  /** {@code QueryStatsResponse{repeated Stat stat = 1}}, {@code Stat{name = 1, value = 2}}: name to value. */
  static Map<String, Long> decodeStats(byte[] answer) {
    Map<String, Long> out = new LinkedHashMap<>();
    forEachStat(answer, (buf, from, to, value) ->
        out.put(new String(buf, from, to - from, java.nio.charset.StandardCharsets.UTF_8), value));
    return out;
  }

  /** One {@code Stat} of an answer: its name is {@code buf[from..to)} (UTF-8). */
  public interface StatVisitor {
    void stat(byte[] buf, int from, int to, long value);
  }

  /** Walks a whole {@code QueryStatsResponse} (see {@link StatStream}); a malformed answer fails. */
  public static void forEachStat(byte[] answer, StatVisitor visitor) {
    try {
      StatStream.read(new java.io.ByteArrayInputStream(answer), visitor);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * QueryStats with the answer decoded while it is read (see {@link StatStream}), on the calling thread; returns
   * the number of stats. What the visitor saw before a failure is the caller's to discard.
   */
  public int queryStats(String pattern, StatVisitor visitor) {
    String method = "app.stats.command.StatsService/QueryStats";
    MethodDescriptor<byte[], Integer> m = MethodDescriptor.<byte[], Integer>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName(prefix + method)
        .setRequestMarshaller(RAW).setResponseMarshaller(new MethodDescriptor.Marshaller<Integer>() {
          @Override
          public InputStream stream(Integer value) {
            throw new UnsupportedOperationException("an answer is only read");
          }

          @Override
          public Integer parse(InputStream stream) {
            try (stream) {
              return StatStream.read(stream, visitor);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        }).build();
    try {
      return ClientCalls.blockingUnaryCall(channel, m, options(), queryStatsRequest(pattern));
    } catch (StatusRuntimeException e) {
      throw failure(method, e);
    }
  }

  /** A typed VLESS account {id = 1, flow = 2, encryption = 3} for {@link #addUser}. */
  public byte[] vlessAccount(String uuid, String flow) {
    return vlessAccount(prefix, uuid, flow);
  }

  static byte[] vlessAccount(String prefix, String uuid, String flow) {
    return Pb.typed(prefix + "proxy.vless.Account", Pb.message().string(1, uuid).string(2, flow)
        .string(3, "none")).toBytes();
  }

  /**
   * A typed Xray Shadowsocks account {@code Account{password = 1, cipher_type = 2}} for {@link #addUser}: Xray's
   * cipher numbers are AES_128_GCM = 5, AES_256_GCM = 6, CHACHA20_POLY1305 = 7 (the AEAD ciphers its single-port
   * multi-user server accepts).
   */
  static byte[] shadowsocksAccount(String password, String method) {
    int cipher = switch (method) {
      case "aes-128-gcm" -> 5;
      case "aes-256-gcm" -> 6;
      case "chacha20-poly1305", "chacha20-ietf-poly1305" -> 7;
      default -> throw new IllegalArgumentException("unsupported shadowsocks method " + method);
    };
    return Pb.typed("xray.proxy.shadowsocks.Account", Pb.message().string(1, password).uint(2, cipher)).toBytes();
  }

  private MethodDescriptor<byte[], byte[]> method(String method) {
    return METHODS.computeIfAbsent(prefix + method, name ->
        MethodDescriptor.<byte[], byte[]>newBuilder().setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(name).setRequestMarshaller(RAW).setResponseMarshaller(RAW).build());
  }

  private CallOptions options() {
    return CallOptions.DEFAULT.withDeadlineAfter(deadlineMs, TimeUnit.MILLISECONDS);
  }

  private byte[] call(String method, byte[] request) {
    try {
      return ClientCalls.blockingUnaryCall(channel, method(method), options(), request);
    } catch (StatusRuntimeException e) {
      throw failure(method, e);
    }
  }

  /**
   * At most {@link #WINDOW} calls in flight, each sent (and its deadline started) when a slot frees: all at once,
   * a burst of 10,000 adds ran past the 5 s deadline of the last ones while the core was still working through
   * the first (about half of them failed on a busy machine).
   */
  private Map<String, XrayApiException> batch(String method, Map<String, byte[]> requests) {
    Map<String, ListenableFuture<byte[]>> pending = new LinkedHashMap<>();
    Semaphore window = new Semaphore(WINDOW);
    for (Map.Entry<String, byte[]> e : requests.entrySet()) {
      try {
        window.acquire();
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        break;
      }
      ListenableFuture<byte[]> f = ClientCalls.futureUnaryCall(channel.newCall(method(method), options()),
          e.getValue());
      f.addListener(window::release, MoreExecutors.directExecutor());
      pending.put(e.getKey(), f);
    }
    Map<String, XrayApiException> failed = new LinkedHashMap<>();
    requests.keySet().stream().filter(k -> !pending.containsKey(k))
        .forEach(k -> failed.put(k, new XrayApiException(method + " interrupted", null)));
    pending.forEach((key, future) -> {
      try {
        future.get();
      } catch (ExecutionException e) {
        failed.put(key, e.getCause() instanceof StatusRuntimeException s ? failure(method, s)
            : new XrayApiException(method + " failed: " + e.getCause(), e.getCause()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failed.put(key, new XrayApiException(method + " interrupted", e));
      }
    });
    return failed;
  }

  private static XrayApiException failure(String method, StatusRuntimeException e) {
    String why = e.getStatus().getDescription() == null ? e.getStatus().getCode().toString()
        : e.getStatus().getDescription();
    return new XrayApiException(method.substring(method.lastIndexOf('/') + 1) + " failed: " + why, e);
  }
}
