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
}
