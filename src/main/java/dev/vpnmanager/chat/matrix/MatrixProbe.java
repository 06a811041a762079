package dev.vpnmanager.chat.matrix;

import dev.vpnmanager.config.Settings;
import java.time.Duration;

/** For doctor: signs in once with the configured account and asks the homeserver who we are. */
public final class MatrixProbe {
  private MatrixProbe() {}

  /** The bot's user id as the homeserver sees it; throws with a one-line reason when that fails. */
  public static String whoami(Settings settings) {
    MatrixConfig config = MatrixConfig.from(settings);
    MatrixClient client = new MatrixClient(config.homeserver(),
        new MatrixHttp.Retry(1, Duration.ofMillis(100), Duration.ofSeconds(1)));
    String me = config.signIn(client, null, device -> { });
    if (config.token().isBlank()) {
      client.logout();
    }
    return me;
  }

  /**
   * The doctor line: who the bot is, and whether encrypted rooms are readable. That takes an end-to-end
   * encryption proxy (pantalaimon) as VPN_MATRIX_HOMESERVER; its device of the bot holds encryption keys, which
   * the bot itself never uploads. Throws like {@link #whoami}.
   */
  public static String describe(Settings settings) {
    MatrixConfig config = MatrixConfig.from(settings);
    MatrixClient client = new MatrixClient(config.homeserver(),
        new MatrixHttp.Retry(1, Duration.ofMillis(100), Duration.ofSeconds(1)));
    String me = config.signIn(client, null, device -> { });
    String mode;
    try {
      mode = client.devicesWithKeys(me).isEmpty()
          ? "encrypted rooms: not readable (no device of the bot holds encryption keys; to read them, run "
            + "pantalaimon and point VPN_MATRIX_HOMESERVER at it)"
          : "encrypted rooms: through an encryption proxy such as pantalaimon (device "
            + String.join(", ", client.devicesWithKeys(me)) + " holds the bot's keys)";
    } catch (MatrixException e) {
      mode = "encrypted rooms: unknown (" + e.getMessage() + ")";
    } finally {
      if (config.token().isBlank()) {
        client.logout();
      }
    }
    return "signed in to " + config.homeserver() + " as " + me + "; " + mode;
  }
}
