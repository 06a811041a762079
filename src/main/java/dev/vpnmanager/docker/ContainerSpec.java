package dev.vpnmanager.docker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to create: image, command, ports, privileges, health check, files to put in before start, host
 * directories to bind-mount (host path -> container path), the user to run as. The runtime adds the managed labels itself. Build one
 * with {@link #builder}.
 */
public record ContainerSpec(String server, String name, String image, List<String> entrypoint,
                            List<String> command, Map<String, String> env, List<PortMapping> ports,
                            boolean hostNetwork, String network, List<String> capAdd, List<String> devices,
                            Map<String, String> sysctls, String restartPolicy, HealthSpec health,
                            List<ContainerFile> files, Map<String, String> binds, String user,
                            List<String> capDrop, Map<String, String> labels) {

  public static Builder builder(String server, String name, String image) {
    return new Builder(server, name, image);
  }

  /** Collects the optional parts; defaults: image's entrypoint and command, no ports, restart unless-stopped. */
  public static final class Builder {
    private final String server;
    private final String name;
    private final String image;
    private List<String> entrypoint;
    private List<String> command;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<PortMapping> ports = new ArrayList<>();
    private boolean hostNetwork;
    private String network;
    private final List<String> capAdd = new ArrayList<>();
    private final List<String> devices = new ArrayList<>();
    private final Map<String, String> sysctls = new LinkedHashMap<>();
    private String restartPolicy = "unless-stopped";
    private HealthSpec health;
    private final List<ContainerFile> files = new ArrayList<>();
    private final Map<String, String> binds = new LinkedHashMap<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private String user;
    private final List<String> capDrop = new ArrayList<>();

    private Builder(String server, String name, String image) {
      this.server = server;
      this.name = name;
      this.image = image;
    }

    public Builder entrypoint(String... e) {
      entrypoint = List.of(e);
      return this;
    }

    public Builder command(String... c) {
      command = List.of(c);
      return this;
    }

    public Builder env(String k, String v) {
      env.put(k, v);
      return this;
    }

    public Builder port(PortMapping p) {
      ports.add(p);
      return this;
    }

    public Builder hostNetwork() {
      hostNetwork = true;
      return this;
    }

    public Builder network(String n) {
      network = n;
      return this;
    }

    public Builder capAdd(String cap) {
      capAdd.add(cap);
      return this;
    }

    /** Drops a capability ("ALL" drops every one; add back the few needed with {@link #capAdd}). */
    public Builder capDrop(String cap) {
      capDrop.add(cap);
      return this;
    }

    /** The user the container's processes run as ({@code uid:gid}); default: the image's. */
    public Builder user(String uidGid) {
      user = uidGid;
      return this;
    }

    public Builder device(String path) {
      devices.add(path);
      return this;
    }

    public Builder sysctl(String k, String v) {
      sysctls.put(k, v);
      return this;
    }

    /** no, always, unless-stopped, on-failure. */
    public Builder restartPolicy(String p) {
      restartPolicy = p;
      return this;
    }

    public Builder health(HealthSpec h) {
      health = h;
      return this;
    }

    public Builder file(String path, byte[] content, int mode) {
      files.add(new ContainerFile(path, content, mode));
      return this;
    }

    /** A file owned by {@code uid:gid} (a non-root core must be able to read its own config). */
    public Builder file(String path, byte[] content, int mode, int uid, int gid) {
      files.add(new ContainerFile(path, content, mode, uid, gid));
      return this;
    }

    /** Bind-mounts a directory of the engine's host at {@code containerPath} (read-write). */
    public Builder bind(String hostPath, String containerPath) {
      binds.put(hostPath, containerPath);
      return this;
    }

    /** A label of the planner's own (the managed and server labels are the runtime's and win). */
    public Builder label(String key, String value) {
      labels.put(key, value);
      return this;
    }

    public ContainerSpec build() {
      return new ContainerSpec(server, name, image, entrypoint, command, Map.copyOf(env), List.copyOf(ports),
          hostNetwork, network, List.copyOf(capAdd), List.copyOf(devices), Map.copyOf(sysctls), restartPolicy,
          health, List.copyOf(files), Map.copyOf(binds), user, List.copyOf(capDrop), Map.copyOf(labels));
    }
  }
}
