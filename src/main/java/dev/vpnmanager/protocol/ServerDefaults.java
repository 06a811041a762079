package dev.vpnmanager.protocol;

/** Configured defaults a driver may use when it defines a new server. */
public record ServerDefaults(String wireguardSubnet) {}
