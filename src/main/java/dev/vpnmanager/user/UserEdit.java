package dev.vpnmanager.user;

import dev.vpnmanager.domain.ResetPolicy;
import java.time.Instant;

/**
 * What {@code users edit} changes; a null field stays as it is. {@code expiresSet} tells "never" (expiresAt
 * null) from "not given"; an empty note or email clears it.
 */
public record UserEdit(Long limitBytes, boolean expiresSet, Instant expiresAt, String note, String email,
                       String server, ResetPolicy reset) {
  public static final UserEdit NONE = new UserEdit(null, false, null, null, null, null, null);

  public boolean isEmpty() {
    return limitBytes == null && !expiresSet && note == null && email == null && server == null && reset == null;
  }

  public UserEdit limit(long bytes) {
    return new UserEdit(bytes, expiresSet, expiresAt, note, email, server, reset);
  }

  public UserEdit expires(Instant at) {
    return new UserEdit(limitBytes, true, at, note, email, server, reset);
  }

  public UserEdit note(String text) {
    return new UserEdit(limitBytes, expiresSet, expiresAt, text, email, server, reset);
  }

  public UserEdit email(String text) {
    return new UserEdit(limitBytes, expiresSet, expiresAt, note, text, server, reset);
  }

  public UserEdit server(String name) {
    return new UserEdit(limitBytes, expiresSet, expiresAt, note, email, name, reset);
  }

  public UserEdit reset(ResetPolicy policy) {
    return new UserEdit(limitBytes, expiresSet, expiresAt, note, email, server, policy);
  }
}
