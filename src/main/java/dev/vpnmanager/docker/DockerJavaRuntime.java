package dev.vpnmanager.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import com.github.dockerjava.api.model.Network;
import dev.vpnmanager.common.OperationFailedException;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** {@link ContainerRuntime} over docker-java; refuses to act on containers without the managed label. */
public final class DockerJavaRuntime implements ContainerRuntime, AutoCloseable {
  private final String endpoint;
  private final Clock clock;
  private final DockerCalls calls;
  private final Set<String> verifiedManaged = ConcurrentHashMap.newKeySet();
  private volatile DockerClient client;

  private final TlsFiles tls;
  private volatile javax.net.ssl.SSLContext tlsContext;

  public DockerJavaRuntime(String endpoint, Clock clock) {
    this(endpoint, null, clock);
  }

  /** An engine dialled with a TLS client certificate ({@code tls} null: none, or docker-java's own settings). */
  public DockerJavaRuntime(String endpoint, TlsFiles tls, Clock clock) {
    this.endpoint = endpoint;
    this.tls = tls;
    this.clock = clock;
    this.calls = new DockerCalls(endpoint);
  }

  private DockerClient client() {
    DockerClient c = client;
    if (c == null) {
      synchronized (this) {
        if (client == null) {
          client = calls.call("connect", () -> DockerClients.connect(endpoint, tls));
        }
        c = client;
      }
    }
    return c;
  }

  @Override
  public String endpoint() {
    return endpoint;
  }

  @Override
  public String engineVersion() {
    return calls.call("version", () -> client().versionCmd().exec().getVersion());
  }

  @Override
  public EngineInfo info() {
    return calls.call("version", () -> {
      var v = client().versionCmd().exec();
      var i = client().infoCmd().exec();
      java.time.Instant t = null;
      try {
        t = i.getSystemTime() == null ? null : java.time.OffsetDateTime.parse(i.getSystemTime()).toInstant();
      } catch (java.time.format.DateTimeParseException e) {
        // an engine clock we cannot read is reported as unknown
      }
      return new EngineInfo(v.getVersion(), v.getApiVersion(), t);
    });
  }

  @Override
  public boolean imagePresent(String image) {
    return calls.call("inspect image " + image, () -> {
      try {
        client().inspectImageCmd(image).exec();
        return true;
      } catch (NotFoundException e) {
        return false;
      }
    });
  }

  @Override
  public void pull(String image) {
    calls.run("pull " + image, () -> {
      if (!client().pullImageCmd(image).start().awaitCompletion(10, TimeUnit.MINUTES)) {
        throw new OperationFailedException("pulling " + image + " did not finish within 10 minutes");
      }
    });
  }

  @Override
  public String create(ContainerSpec spec) {
    String id = calls.call("create container " + spec.name(),
        () -> SpecMapper.toCommand(client(), spec).exec().getId());
    verifiedManaged.add(id);
    for (ContainerFile f : spec.files()) {
      putFile(id, f);
    }
    return id;
  }

  @Override
  public void start(String id) {
    requireManaged(id);
    calls.run("start " + id, () -> {
      try {
        client().startContainerCmd(id).exec();
      } catch (NotModifiedException alreadyRunning) {
        // running already: nothing to do
      }
    });
  }

  @Override
  public void stop(String id, Duration timeout) {
    requireManaged(id);
    calls.run("stop " + id, () -> {
      try {
        client().stopContainerCmd(id).withTimeout((int) timeout.toSeconds()).exec();
      } catch (NotModifiedException alreadyStopped) {
        // stopped already
      }
    });
  }

  @Override
  public void restart(String id, Duration timeout) {
    requireManaged(id);
    calls.run("restart " + id, () -> client().restartContainerCmd(id).withTimeout((int) timeout.toSeconds()).exec());
  }

  @Override
  public void remove(String id) {
    if (inspect(id).isEmpty()) {
      return;
    }
    requireManaged(id);
    calls.run("remove " + id, () -> {
      try {
        client().removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
      } catch (NotFoundException gone) {
        // removed meanwhile
      }
    });
    verifiedManaged.remove(id);
  }

  @Override
  public Optional<ContainerState> inspect(String idOrName) {
    return calls.call("inspect " + idOrName, () -> {
      try {
        return Optional.of(States.of(client().inspectContainerCmd(idOrName).exec()));
      } catch (NotFoundException e) {
        return Optional.empty();
      }
    });
  }

  @Override
  public String logs(String id, int tail) {
    requireManaged(id);
    return calls.call("logs of " + id, () -> {
      FrameCollector frames = new FrameCollector();
      client().logContainerCmd(id).withStdOut(true).withStdErr(true).withTail(Math.max(tail, 0)).exec(frames)
          .awaitCompletion(30, TimeUnit.SECONDS);
      return frames.interleaved();
    });
  }

  @Override
  public ExecResult exec(String id, List<String> command, byte[] stdin, Duration timeout) {
    requireManaged(id);
    return calls.call("exec in " + id, () -> {
      String execId = client().execCreateCmd(id).withCmd(command.toArray(String[]::new))
          .withAttachStdout(true).withAttachStderr(true).withAttachStdin(stdin != null).exec().getId();
      FrameCollector.Texts out;
      if (stdin != null) {
        out = RawExec.start(endpoint, tlsContext(), execId, stdin, timeout);
      } else {
        FrameCollector frames = new FrameCollector();
        if (!client().execStartCmd(execId).exec(frames).awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          frames.close();
          throw new OperationFailedException("command in container " + id + " did not finish within " + timeout);
        }
        frames.close();
        out = new FrameCollector.Texts(frames.stdout(), frames.stderr());
      }
      return new ExecResult(exitCode(execId), out.stdout(), out.stderr());
    });
  }

  /** The exec's exit code; the stream may end a moment before the engine records it. */
  private int exitCode(String execId) throws InterruptedException {
    for (int i = 0; ; i++) {
      var r = client().inspectExecCmd(execId).exec();
      if (!Boolean.TRUE.equals(r.isRunning()) || i >= 50) {
        Long code = r.getExitCodeLong();
        return code == null ? -1 : code.intValue();
      }
      Thread.sleep(2);
    }
  }

  private javax.net.ssl.SSLContext tlsContext() {
    if (tls == null) {
      return null;
    }
    javax.net.ssl.SSLContext c = tlsContext;
    if (c == null) {
      c = tls.context();
      tlsContext = c;
    }
    return c;
  }

  @Override
  public void putFile(String id, String path, byte[] content, int mode) {
    putFile(id, new ContainerFile(path, content, mode));
  }

  @Override
  public void putFile(String id, ContainerFile file) {
    requireManaged(id);
    byte[] tar = Tar.single(file.path(), file.content(), file.mode(), file.uid(), file.gid(), clock.instant());
    calls.run("copy a file into " + id, () -> client().copyArchiveToContainerCmd(id).withRemotePath("/")
        .withTarInputStream(new ByteArrayInputStream(tar)).exec());
  }

  @Override
  public ContainerStats stats(String id) {
    requireManaged(id);
    return calls.call("stats of " + id, () -> StatsReader.read(client(), id));
  }

  @Override
  public List<ContainerState> listManaged() {
    return calls.call("list containers", () -> {
      List<ContainerState> out = new ArrayList<>();
      for (Container c : client().listContainersCmd().withShowAll(true)
          .withLabelFilter(Map.of(Labels.MANAGED, "true")).exec()) {
        inspect(c.getId()).filter(s -> Labels.isManaged(s.labels())).ifPresent(out::add);
      }
      return out;
    });
  }

  @Override
  public String ensureNetwork(String name) {
    return calls.call("network " + name, () -> {
      for (Network n : client().listNetworksCmd().withNameFilter(name).exec()) {
        if (n.getName().equals(name)) {
          if (!Labels.isManaged(n.getLabels())) {
            throw new OperationFailedException("network " + name + " exists but is not managed by vpn-manager");
          }
          return n.getId();
        }
      }
      return client().createNetworkCmd().withName(name).withDriver("bridge")
          .withLabels(Map.of(Labels.MANAGED, "true")).exec().getId();
    });
  }

  @Override
  public void removeNetwork(String name) {
    calls.run("remove network " + name, () -> {
      try {
        Network n = client().inspectNetworkCmd().withNetworkId(name).exec();
        if (!Labels.isManaged(n.getLabels())) {
          throw new OperationFailedException("network " + name + " is not managed by vpn-manager: left alone");
        }
        client().removeNetworkCmd(name).exec();
      } catch (NotFoundException gone) {
        // nothing to remove
      }
    });
  }

  @Override
  public List<PublishedPort> publishedPorts() {
    return calls.call("list ports", () -> {
      List<PublishedPort> out = new ArrayList<>();
      for (Container c : client().listContainersCmd().exec()) {
        String name = c.getNames() == null || c.getNames().length == 0 ? c.getId() : c.getNames()[0].substring(1);
        for (ContainerPort p : c.getPorts()) {
          if (p.getPublicPort() != null) {
            out.add(new PublishedPort(p.getPublicPort(), p.getType(), name));
          }
        }
      }
      return out;
    });
  }

  /** Throws unless the container carries the managed label; a container's labels never change: ids are cached. */
  private void requireManaged(String id) {
    if (verifiedManaged.contains(id)) {
      return;
    }
    ContainerState s = inspect(id).orElseThrow(() -> new OperationFailedException("no container " + id));
    if (!Labels.isManaged(s.labels())) {
      throw new OperationFailedException("container " + s.name() + " is not managed by vpn-manager: left alone");
    }
    verifiedManaged.add(s.id());
  }

  @Override
  public void close() {
    DockerClient c = client;
    if (c != null) {
      calls.run("close", () -> {
        try {
          c.close();
        } catch (java.io.IOException e) {
          // closing; nothing to do
        }
      });
    }
  }
}
