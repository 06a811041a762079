package dev.vpnmanager.docker;

/** A running container's CPU (percent of one core, summed over cores) and memory (percent of its limit). */
public record ContainerStats(double cpuPercent, double memoryPercent) {}
