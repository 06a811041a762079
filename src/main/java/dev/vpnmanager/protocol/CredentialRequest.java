package dev.vpnmanager.protocol;

import java.security.SecureRandom;
import java.util.function.Supplier;

/**
 * What a driver may use to make a user's credentials: randomness, the user's name, the settings of the
 * server the user lands on, and (asked only by drivers that allocate) the slots the server's users hold: their
 * WireGuard addresses and per-user ports, as strings.
 */
public record CredentialRequest(SecureRandom random, String username, Credentials serverSettings,
                                Supplier<Slots> usedAddresses) {}
