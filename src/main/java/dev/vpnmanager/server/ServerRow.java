package dev.vpnmanager.server;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A server as {@code servers list} shows it. */
@JsonPropertyOrder({"name", "protocol", "core", "host", "port", "deployed", "users"})
public record ServerRow(String name, String protocol, String core, String host, int port, boolean deployed,
                        int users) {}
