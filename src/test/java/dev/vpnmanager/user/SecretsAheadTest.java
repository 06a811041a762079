package dev.vpnmanager.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.protocol.proxy.ProxyDriver;
import dev.vpnmanager.protocol.wireguard.WireguardDriver;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SecretsAheadTest {
  private static boolean workersAlive() {
    return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("user-secrets-"));
  }

  @Test
  void manyUsersAcrossThreadsKeepTheirOrder() {
    ProxyDriver socks = ProxyDriver.socks();
    WireguardDriver wg = new WireguardDriver();
    List<SecretsAhead.Want> wants = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      wants.add(new SecretsAhead.Want(i % 2 == 0 ? socks : wg, "u" + i));
    }
    List<Credentials> made = SecretsAhead.make(wants, new SecureRandom(), 4);
    assertEquals(1000, made.size());
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      if (i % 2 == 0) {
        assertEquals("u" + i, made.get(i).get("username"), "row " + i + " got another row's secrets");
      } else {
        assertTrue(keys.add(made.get(i).get("publicKey")), "a key pair twice");
        assertEquals(null, made.get(i).get("address"), "no address before the transaction");
      }
    }
    assertTrue(!workersAlive(), "no thread outlives the call");
  }

  /** A failing source of randomness: the failure comes back to the caller, and no worker is left running. */
  @Test
  void aFailureInOneWorkerStopsAllAndReachesTheCaller() {
    AtomicInteger calls = new AtomicInteger();
    SecureRandom failing = new SecureRandom() {
      @Override
      public void nextBytes(byte[] bytes) {
        if (calls.incrementAndGet() == 300) {
          throw new IllegalStateException("entropy source failed");
        }
        super.nextBytes(bytes);
      }
    };
    List<SecretsAhead.Want> wants = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      wants.add(new SecretsAhead.Want(new WireguardDriver(), "u" + i));
    }
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> SecretsAhead.make(wants, failing, 2));
    assertEquals("entropy source failed", e.getMessage());
    assertTrue(!workersAlive(), "no thread outlives the call");
    // each user asks for bytes twice (key pair, preshared key): the other worker's half alone would be 2,000
    assertTrue(calls.get() < 2000, "the other worker stopped early: " + calls.get());
  }
}
