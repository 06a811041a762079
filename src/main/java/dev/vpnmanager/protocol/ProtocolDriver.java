package dev.vpnmanager.protocol;

import dev.vpnmanager.common.InvalidInputException;
import java.security.SecureRandom;
import java.util.List;

/**
 * One VPN protocol as a plug-in. Drivers are bound into a Dagger map keyed by {@link #id()}; nothing outside
 * that map switches on the protocol. A driver is pure: it turns database values into keys, server configs and
 * client artifacts. Changing a running server is the job of {@code server.live.LiveUsers}.
 */
public interface ProtocolDriver {
  /** The protocol name users type: vless, shadowsocks, wireguard, http, socks. */
  String id();

  /** The port a new server of this protocol listens on unless told otherwise. */
  int defaultPort();

  /** Fresh per-user secrets, generated from {@link SecureRandom}. */
  Credentials newCredentials(CredentialRequest request);

  /*
   * A new user's credentials in two steps, so that the slow part stays out of write transactions: the secrets
   * (key pairs, random passwords, UUIDs) need neither the database nor the server and are made first, outside
   * any transaction (an import makes them for many users across the cores); then, inside the transaction, they
   * are completed with what depends on the server the user lands on and on its users (an address, a port). A
   * driver that splits implements newCredentials(request) as completeCredentials(request, newSecrets(...)), so
   * each part has one home; a driver that does not split keeps working through the two defaults below.
   */

  /**
   * The part of a new user's credentials that depends on nothing but randomness and the user's name: never on
   * the database or the server's settings (the server may be defined later, inside the transaction). May run on
   * several threads at once with one shared {@code random} (a {@link SecureRandom} is safe for that). The
   * default makes nothing ahead: everything is made by {@link #completeCredentials}.
   */
  default Credentials newSecrets(SecureRandom random, String username) {
    return Credentials.of();
  }

  /**
   * The user's credentials from secrets {@link #newSecrets} made ahead: adds what depends on the server and its
   * users (allocating from {@code request.usedAddresses()}), inside the caller's transaction. The default ignores
   * the secrets and makes all with {@link #newCredentials}.
   */
  default Credentials completeCredentials(CredentialRequest request, Credentials secrets) {
    return newCredentials(request);
  }

  /**
   * New secrets for an existing user ({@code users rotate}): the old config stops working. Drivers keep what
   * identifies the user's slot on the server (a WireGuard address, a per-user port) and never allocate anew.
   */
  default Credentials rotateCredentials(CredentialRequest request, Credentials old) {
    return newCredentials(request);
  }

  /**
   * Checks credentials from outside (an import) before they can reach a server's config: exactly the keys the
   * protocol uses, each well-formed (keys, UUIDs, passwords' charset), slots (address, port) inside the server's
   * pool. Whether a slot is free is the caller's check. Throws {@link InvalidInputException} naming the field.
   */
  default void checkImported(ServerSpec server, String username, Credentials credentials) {
    throw new InvalidInputException(id() + " credentials cannot be imported: leave them out to get fresh ones");
  }

  /**
   * The cores a server of this protocol can run on (the {@code core} option), the default first; empty when the
   * protocol has a single core and nothing to choose.
   */
  default List<String> cores() {
    return List.of();
  }

  /** Fresh, validated server-level settings (keys, SNI, subnet ...) for a new server definition. */
  Credentials newServerSettings(SecureRandom random, ServerDefaults defaults);

  /**
   * Validates the options of a new server definition without generating, probing or writing anything, so a
   * command can refuse bad input before any side effect (an image pull, a container, a row). The default builds
   * throwaway settings, which validates as {@link #newServerSettings} does.
   */
  default void checkServerOptions(ServerDefaults defaults) {
    newServerSettings(new SecureRandom(), defaults);
  }

  /** New server keys ({@code servers rotate-keys}); every client config of the server changes with them. */
  default Credentials rotateServerKeys(SecureRandom random, Credentials settings) {
    throw new InvalidInputException(id() + " servers have no server keys to rotate: use 'users rotate NAME'");
  }

  /** The server's config file for its core, listing exactly the given users (the caller picks active ones). */
  ServerConfig serverConfig(ServerSpec server, List<UserSpec> users);

  /** The user's link (for WireGuard the .conf text) and a file a client imports. */
  ClientConfig clientConfig(ServerSpec server, UserSpec user);

  /** What the QR code encodes: exactly what {@code users config --format link} prints. */
  default String qrPayload(ServerSpec server, UserSpec user) {
    return clientConfig(server, user).link();
  }
}
