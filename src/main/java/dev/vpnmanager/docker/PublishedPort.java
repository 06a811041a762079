package dev.vpnmanager.docker;

/** A host port a container publishes ({@code protocol} is tcp or udp). */
public record PublishedPort(int port, String protocol, String containerName) {}
