package dev.vpnmanager.docker;

import java.time.Instant;

/** What an engine says about itself: version, API version, its clock (null when it did not say). */
public record EngineInfo(String version, String apiVersion, Instant systemTime) {}
