package dev.vpnmanager.delivery;

import dev.vpnmanager.common.Names;
import dev.vpnmanager.common.NotFoundException;
import dev.vpnmanager.common.OperationFailedException;
import dev.vpnmanager.domain.VpnUser;
import dev.vpnmanager.protocol.ClientConfig;
import dev.vpnmanager.protocol.ProtocolDriver;
import dev.vpnmanager.protocol.Protocols;
import dev.vpnmanager.protocol.ServerSpec;
import dev.vpnmanager.protocol.UserSpec;
import dev.vpnmanager.server.ServerSpecs;
import io.ebean.Database;
import java.nio.charset.StandardCharsets;
import javax.inject.Inject;
import javax.inject.Singleton;

/** A user's config from the database: the driver's link and file, and a QR code of exactly the link. */
@Singleton
public final class ClientConfigs implements ConfigDelivery {
  private final Database db;
  private final Protocols protocols;

  @Inject
  public ClientConfigs(Database db, Protocols protocols) {
    this.db = db;
    this.protocols = protocols;
  }

  @Override
  public UserConfig configFor(String username) {
    VpnUser u = username == null ? null
        : db.find(VpnUser.class).fetch("server").where().eq("username", username).findOne();
    if (u == null) {
      throw new NotFoundException("no user named '" + Names.printable(username == null ? "" : username) + "'");
    }
    if (u.getServer() == null) {
      throw new OperationFailedException("user '" + username + "' has no server definition");
    }
    ProtocolDriver driver = protocols.require(u.getProtocol());
    ServerSpec server = ServerSpecs.of(u.getServer());
    UserSpec user = ServerSpecs.userOf(u);
    ClientConfig c = driver.clientConfig(server, user);
    byte[] qr = QrCodes.png(driver.qrPayload(server, user));
    return new UserConfig(u.getUsername(), u.getProtocol(), c.link(), c.fileName(),
        c.fileText().getBytes(StandardCharsets.UTF_8), qr);
  }
}
