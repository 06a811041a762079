package dev.vpnmanager.chat.router;

/** Remembers one-shot button nonces; {@link #consume} is true only the first time for a nonce. */
public interface NonceStore {
  boolean consume(String nonce);
}
