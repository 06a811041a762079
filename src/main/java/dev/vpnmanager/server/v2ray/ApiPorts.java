package dev.vpnmanager.server.v2ray;

import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.protocol.Credentials;
import io.ebean.Database;
import io.ebean.Transaction;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Each core's API listens on the host's loopback (host networking), so every server needs its own API port:
 * the one in its settings unless another server has it or something on the host holds it, else a free one,
 * saved into the server's settings in the deploy transaction.
 */
final class ApiPorts {
  static final String KEY = "apiPort";

  private ApiPorts() {}

  static int ensureUnique(Database db, Transaction txn, VpnServer server) {
    Credentials settings = Credentials.fromJson(server.getSettings());
    Set<Integer> taken = new HashSet<>();
    for (VpnServer other : db.find(VpnServer.class).usingTransaction(txn).where().ne("id", server.getId())
        .findList()) {
      String p = Credentials.fromJson(other.getSettings()).get(KEY);
      if (p != null) {
        taken.add(Integer.parseInt(p));
      }
    }
    String current = settings.get(KEY);
    int port = current == null ? 10085 : Integer.parseInt(current);
    while (port == server.getPort() || taken.contains(port) || !free(port)) {
      port = ephemeral();
    }
    if (!Integer.toString(port).equals(current)) {
      server.setSettings(settings.with(KEY, Integer.toString(port)).toJson());
      db.update(server, txn);
    }
    return port;
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int ephemeral() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free loopback port for the core's API", e);
    }
  }
}
