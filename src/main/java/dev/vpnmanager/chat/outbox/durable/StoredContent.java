package dev.vpnmanager.chat.outbox.durable;

import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.domain.OutboxMessage;

/**
 * Makes the reply of a stored message of one {@link #kind()} when it is sent, for messages whose content is
 * better made then than stored (a user's config: always the newest one, and no key material waiting in the
 * table). Features bind theirs into a set; the chat core knows only this interface. A message whose content
 * cannot be made (its user was deleted meanwhile) is a dead letter.
 */
public interface StoredContent {
  /** The {@link OutboxMessage#getKind()} this makes. */
  String kind();

  /** The reply to send for this message; the same on every attempt while nothing changed. */
  Reply render(OutboxMessage message);
}
