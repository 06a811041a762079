package dev.vpnmanager.server.live;

import dev.vpnmanager.protocol.ServerSpec;
import dev.vpnmanager.protocol.UserSpec;
import java.util.List;

/**
 * Adds and removes users on a running server through its own API, without restarting it (declared here,
 * implemented by the container runtime, one per protocol, bound into {@code Map<String, LiveUsers>} by protocol
 * id). What each protocol's server expects (all of it built from the same {@link UserSpec} the driver renders):
 * <ul>
 *   <li>vless: gRPC {@code HandlerService/AlterInbound} on inbound {@code vless-in}, Add/RemoveUserOperation,
 *       email = user name, VLESS account {id = uuid, flow (Xray Reality only)}; prefix {@code xray.} or
 *       {@code v2ray.core.} from the server's {@code core} setting.</li>
 *   <li>shadowsocks: ss-libev core: ss-manager {@code add: {"server_port":port,"password":..}} / {@code remove};
 *       v2ray core: AddInbound/RemoveInbound of the user's inbound {@code ss-NAME} on the user's port.</li>
 *   <li>wireguard: {@code wg set wg0 peer PUB preshared-key /dev/stdin allowed-ips ADDRESS/32} / {@code remove}.</li>
 *   <li>http, socks: replace inbound {@code http-in}/{@code socks-in} with the accounts rendered from the
 *       database (these inbounds are not user managers in v2ray 4.x nor in Xray 26.3.27); an HTTP inbound with
 *       no account gets one nobody is given (without accounts it would ask no one for a password).</li>
 * </ul>
 * Implementations check before they act (a duplicate tag or a port in use is refused, not applied) and report
 * per user what was applied, so a batch failing halfway can be finished by the next reconcile.
 */
public interface LiveUsers {
  /** Makes the users able to connect; users already present count as applied. */
  BatchResult add(ServerSpec server, List<UserSpec> users);

  /** Cuts the users off (new connections fail); users already absent count as applied. */
  BatchResult remove(ServerSpec server, List<UserSpec> users);

  /** The user names the running server serves now, for drift checks against the database. */
  List<String> present(ServerSpec server);
}
