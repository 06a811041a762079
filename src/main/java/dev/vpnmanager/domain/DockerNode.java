package dev.vpnmanager.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * A remote Docker engine servers can be placed on. Its TLS client certificates live in the data dir
 * (nodes/NAME/{ca,cert,key}.pem, 0600), not in the database. The local engine is the node {@code local} and has no
 * row.
 */
@Entity
@Table(name = "docker_node")
public class DockerNode extends BaseEntity {
  @Column(nullable = false, unique = true, length = 32)
  private String name;

  /** tcp://HOST:PORT of the engine's TLS API. */
  @Column(nullable = false, length = 200)
  private String endpoint;

  /** The host or IP clients dial for servers on this node. */
  @Column(nullable = false, length = 253)
  private String publicHost;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  public String getPublicHost() {
    return publicHost;
  }

  public void setPublicHost(String publicHost) {
    this.publicHost = publicHost;
  }
}
