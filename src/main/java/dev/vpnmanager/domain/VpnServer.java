package dev.vpnmanager.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/** A server definition (host, port, keys). It exists before, and independently of, its container. */
@Entity
@Table(name = "vpn_server")
public class VpnServer extends BaseEntity {
  @Column(nullable = false, unique = true, length = 32)
  private String name;

  @Column(nullable = false, length = 32)
  private String protocol;

  @Column(nullable = false, length = 253)
  private String host;

  private int port;

  /** Protocol-specific server settings as a JSON object (keys, SNI, subnet ...). */
  @Lob
  @Column(nullable = false)
  private String settings = "{}";

  private boolean deployed;

  @Column(length = 128)
  private String containerId;

  @Column(length = 200)
  private String dockerHost;

  /** The node the server runs on; null (or "local") is the manager's own engine. */
  @Column(length = 32)
  private String node;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getProtocol() {
    return protocol;
  }

  public void setProtocol(String protocol) {
    this.protocol = protocol;
  }

  public String getHost() {
    return host;
  }

  public void setHost(String host) {
    this.host = host;
  }

  public int getPort() {
    return port;
  }

  public void setPort(int port) {
    this.port = port;
  }

  public String getSettings() {
    return settings;
  }

  public void setSettings(String settings) {
    this.settings = settings;
  }

  public boolean isDeployed() {
    return deployed;
  }

  public void setDeployed(boolean deployed) {
    this.deployed = deployed;
  }

  public String getContainerId() {
    return containerId;
  }

  public void setContainerId(String containerId) {
    this.containerId = containerId;
  }

  public String getDockerHost() {
    return dockerHost;
  }

  public void setDockerHost(String dockerHost) {
    this.dockerHost = dockerHost;
  }

  /** The node's name; "local" when the server runs on the manager's own engine. */
  public String getNode() {
    return node == null || node.isBlank() ? "local" : node;
  }

  public void setNode(String node) {
    this.node = node == null || "local".equals(node) ? null : node;
  }
}
