package dev.vpnmanager.server.wireguard;

import java.util.List;
import java.util.Map;

/**
 * The peers of a running server's wg0, read and changed either over wireguard-go's UAPI socket ({@link WgUapi})
 * or by {@code wg} commands run in the container ({@link WgPeers}). Keys are base64, as users hold them.
 * Failures are {@code OperationFailedException}s with no key material in them.
 */
interface WgControl {
  /** Public key -> first allowed IP without the prefix ("" when none). */
  Map<String, String> allowedIps();

  /** Public key -> {received, sent} bytes as the server counts them. */
  Map<String, long[]> transfer();

  /** Allowed IPs and transfer counts read together. */
  Snapshot snapshot();

  /**
   * Adds (or updates) the peers in one request and returns the allowed IPs afterwards: an address given to a new
   * key leaves its old peer with none.
   */
  Map<String, String> add(List<Peer> peers);

  /** Removes the peers in one request; absent ones are no error. */
  void remove(List<String> publicKeys);

  /**
   * Reads the peers and their counts, then removes the given ones: one round trip where the path allows it (one
   * {@code docker exec}); the snapshot is from just before the removal.
   */
  default Snapshot snapshotThenRemove(List<String> publicKeys) {
    Snapshot before = snapshot();
    remove(publicKeys);
    return before;
  }

  /** The running container's id, for the config file refresh (looked up when asked, off the caller's path). */
  String containerId();

  record Snapshot(Map<String, String> allowedIps, Map<String, long[]> transfer) {}

  /** A peer to add: base64 keys, an IPv4 address given as /32. */
  record Peer(String publicKey, String presharedKey, String address) {
    @Override
    public String toString() {
      return "Peer[" + publicKey + " " + address + "]";
    }
  }
}
