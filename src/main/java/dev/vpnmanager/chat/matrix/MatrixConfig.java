package dev.vpnmanager.chat.matrix;

import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.config.ConfigKeys;
import dev.vpnmanager.config.Settings;
import java.net.URI;
import java.time.Duration;

/** The bot's Matrix account: homeserver, user id and a password or an access token. */
record MatrixConfig(URI homeserver, String user, String password, String token, Duration pollTimeout) {
  static MatrixConfig from(Settings s) {
    return new MatrixConfig(URI.create(s.get(ConfigKeys.MATRIX_HOMESERVER)), s.get(ConfigKeys.MATRIX_USER),
        s.get(ConfigKeys.MATRIX_PASSWORD), s.get(ConfigKeys.MATRIX_TOKEN), Duration.ofSeconds(30));
  }

  /** Logs the client in: with the access token when given, else with the password. Returns the bot's user id. */
  String signIn(MatrixClient client, String deviceId, java.util.function.Consumer<String> newDevice) {
    if (!token.isBlank()) {
      client.useToken(token);
    } else if (!user.isBlank() && !password.isBlank()) {
      newDevice.accept(client.login(user, password, deviceId));
    } else {
      throw new InvalidInputException(
          "Matrix needs VPN_MATRIX_TOKEN, or VPN_MATRIX_USER with VPN_MATRIX_PASSWORD");
    }
    return client.whoami();
  }
}
