package dev.vpnmanager.protocol;

import java.security.SecureRandom;

/**
 * One VPN protocol as a plug-in. Drivers are bound into a Dagger map keyed by {@link #id()}; nothing outside
 * that map switches on the protocol.
 */
public interface ProtocolDriver {
  /** The protocol name users type: vless, shadowsocks, wireguard, http, socks. */
  String id();

  /** The port a new server of this protocol listens on unless told otherwise. */
  int defaultPort();

  /** Fresh per-user secrets, generated from {@link SecureRandom}. */
  Credentials newCredentials(CredentialRequest request);

  /** Fresh server-level settings (keys, subnet ...) for a new server definition. */
  Credentials newServerSettings(SecureRandom random, ServerDefaults defaults);
}
