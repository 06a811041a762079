package dev.vpnmanager.protocol;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Servers and users made by the real drivers, for tests that do not need a database. */
public final class Fixtures {
  private Fixtures() {}

  /** A SecureRandom that repeats for a seed, so tests are reproducible. */
  public static SecureRandom random(long seed) {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
      r.setSeed(seed);
      return r;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static ServerSpec server(ProtocolDriver d, String host, int port, Map<String, String> options) {
    Credentials settings = d.newServerSettings(random(port), new ServerDefaults("10.8.0.0/24", port, options));
    return new ServerSpec(d.id() + "-1", d.id(), host, port, settings);
  }

  /** Users alice, bob ... made one after another, each seeing the slots of those before. */
  public static List<UserSpec> users(ProtocolDriver d, ServerSpec server, String... names) {
    Set<String> used = new HashSet<>();
    SecureRandom r = random(42);
    List<UserSpec> out = new java.util.ArrayList<>();
    for (String n : names) {
      Credentials c = d.newCredentials(new CredentialRequest(r, n, server.settings(), () -> new Slots(used)));
      for (String k : List.of("address", "port")) {
        if (c.get(k) != null) {
          used.add(c.get(k));
        }
      }
      out.add(new UserSpec(n, c));
    }
    return out;
  }
}
