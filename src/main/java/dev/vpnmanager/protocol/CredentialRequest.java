package dev.vpnmanager.protocol;

import java.security.SecureRandom;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What a driver may use to make a user's credentials: randomness, the user's name, the settings of the
 * server the user lands on, and (asked only by drivers that allocate) what the server's other users hold.
 */
public record CredentialRequest(SecureRandom random, String username, Credentials serverSettings,
                                Supplier<Set<String>> usedAddresses) {}
