package dev.vpnmanager.user;

import dev.vpnmanager.protocol.Credentials;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.vpnmanager.domain.ResetPolicy;
import dev.vpnmanager.domain.VpnUser;
import java.time.Instant;
import java.util.Map;

/**
 * A user as shown and exported: the JSON fields the README documents plus what import needs to restore it.
 * {@code resetStrategy} is the quota reset policy as typed ("monthly:15", "never"); null in old files.
 */
@JsonPropertyOrder({"username", "protocol", "server", "status", "statusReason", "limitBytes", "usedBytes",
    "expiresAt", "createdAt", "email", "note", "resetStrategy", "credentials"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UserRecord(@JsonIgnore Long id, String username, String protocol, String server, String status, String statusReason,
                         long limitBytes, long usedBytes, Instant expiresAt, Instant createdAt, String email,
                         String note,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, String> credentials,
                         String resetStrategy) {

  /** The record without a reset policy (files and callers from before it existed). */
  public UserRecord(Long id, String username, String protocol, String server, String status, String statusReason,
                    long limitBytes, long usedBytes, Instant expiresAt, Instant createdAt, String email, String note,
                    Map<String, String> credentials) {
    this(id, username, protocol, server, status, statusReason, limitBytes, usedBytes, expiresAt, createdAt, email,
        note, credentials, null);
  }

  public static UserRecord of(VpnUser u, boolean withCredentials) {
    return new UserRecord(u.getId(), u.getUsername(), u.getProtocol(),
        u.getServer() == null ? null : u.getServer().getName(), u.getStatus().code(), u.getStatusReason(),
        u.getLimitBytes(), u.getUsedBytes(), u.getExpiresAt(), u.getCreatedAt(), u.getEmail(), u.getNote(),
        withCredentials ? Credentials.fromJson(u.getCredentials()).values() : null,
        ResetPolicy.of(u.getResetStrategy(), u.getResetDay()).toString());
  }

  /** The parsed reset policy; never when absent. */
  public ResetPolicy resetPolicy() {
    return resetStrategy == null ? ResetPolicy.NEVER : ResetPolicy.parse(resetStrategy);
  }

  public UserRecord withoutCredentials() {
    return new UserRecord(id, username, protocol, server, status, statusReason, limitBytes, usedBytes, expiresAt,
        createdAt, email, note, null, resetStrategy);
  }
}
