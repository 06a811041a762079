package dev.vpnmanager.docker;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A container engine as the manager uses it. Every container and network it creates carries
 * {@link Labels#MANAGED}; every call that changes or reads a container's insides refuses one without it, so
 * the manager never touches containers it did not create. Failures are {@code OperationFailedException}s,
 * {@link DockerUnavailableException} when the engine cannot be reached.
 */
public interface ContainerRuntime {
  /** Where the engine is (unix:///..., tcp://...), for messages. */
  String endpoint();

  /** The engine's version; throws {@link DockerUnavailableException} when it cannot be reached. */
  String engineVersion();

  /** Version, API version and the engine's clock, for the doctor; throws as {@link #engineVersion} does. */
  default EngineInfo info() {
    return new EngineInfo(engineVersion(), "", null);
  }

  boolean imagePresent(String image);

  /** Pulls the image from its registry (bounded wait); fails with the engine's words when it cannot. */
  void pull(String image);

  /** Creates (does not start) a container labelled as managed and owned by {@code spec.server()}. */
  String create(ContainerSpec spec);

  void start(String id);

  void stop(String id, Duration timeout);

  void restart(String id, Duration timeout);

  /** Removes the container (stopping it first); does nothing when it is already gone. */
  void remove(String id);

  /** The managed container's state, or empty when no container has that id or name. */
  Optional<ContainerState> inspect(String idOrName);

  /** The last {@code tail} lines of the container's stdout and stderr, interleaved. */
  String logs(String id, int tail);

  /** Runs a command in the running container, feeding {@code stdin} (may be null) to it. */
  ExecResult exec(String id, List<String> command, byte[] stdin, Duration timeout);

  /** Writes one file into the container (before or after start), with the given mode. */
  void putFile(String id, String path, byte[] content, int mode);

  /** As above, owned by {@code uid:gid}; a runtime that cannot set owners writes it as {@link #putFile} does. */
  default void putFile(String id, ContainerFile file) {
    putFile(id, file.path(), file.content(), file.mode());
  }

  /** CPU and memory of a running managed container (one sample, about a second). */
  ContainerStats stats(String id);

  /** Every managed container, running or not. */
  List<ContainerState> listManaged();

  /** Creates the labelled bridge network unless it exists; returns its id. */
  String ensureNetwork(String name);

  /** Removes a managed network; does nothing when it is gone. */
  void removeNetwork(String name);

  /** Host ports (tcp and udp) published by any container on the engine, managed or not. */
  List<PublishedPort> publishedPorts();
}
