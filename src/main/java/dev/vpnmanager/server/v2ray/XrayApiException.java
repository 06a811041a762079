package dev.vpnmanager.server.v2ray;

import dev.vpnmanager.common.OperationFailedException;

/** A call the core refused or that could not reach it; the message is the core's own (Go) error text. */
public final class XrayApiException extends OperationFailedException {
  public XrayApiException(String message, Throwable cause) {
    super(message, cause);
  }

  /** AddUser of an e-mail the inbound has already. */
  public boolean alreadyExists() {
    return getMessage().contains("already exists");
  }

  /**
   * RemoveUser of an e-mail (or RemoveInbound of a tag) the core does not know; v2ray 4 answers an unknown tag
   * with its generic "not enough information for making a decision".
   */
  public boolean notFound() {
    // Xray's Shadowsocks inbound says "Not Found"
    String m = getMessage().toLowerCase(java.util.Locale.ROOT);
    return m.contains("not found") || m.contains("not exist") || m.contains("not enough information");
  }
}
