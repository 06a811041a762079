package dev.vpnmanager.delivery;

/** Renders a user's client config from the database: link, file and QR code. */
public interface ConfigDelivery {
  UserConfig configFor(String username);
}
