package dev.vpnmanager.docker;

import java.util.Map;

/** The labels that mark what the manager owns on the container engine. */
public final class Labels {
  /** Present, with value {@code true}, on every container and network the manager created. */
  public static final String MANAGED = "dev.vpnmanager.managed";
  /** The server (VpnServer name) a container belongs to. */
  public static final String SERVER = "dev.vpnmanager.server";
  /**
   * The version of the block of private destinations the container's config was planned with; absent on
   * containers planned before the block existed (doctor asks for a restart).
   */
  public static final String WALL = "dev.vpnmanager.wall";
  /**
   * Where the core's management API listens: {@code socket} (a Unix socket in the data dir); absent on containers
   * whose API is on the host's loopback (planned before the sockets, or where a socket cannot be used).
   */
  public static final String API = "dev.vpnmanager.api";

  private Labels() {}

  public static boolean isManaged(Map<String, String> labels) {
    return labels != null && "true".equals(labels.get(MANAGED));
  }
}
