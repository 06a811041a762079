package dev.vpnmanager.user.chat;

import dev.vpnmanager.chat.Platform;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.i18n.LanguagePreferences;
import dev.vpnmanager.chat.i18n.Messages;
import dev.vpnmanager.chat.outbox.durable.OutboxStore;
import dev.vpnmanager.chat.outbox.durable.StoredContent;
import dev.vpnmanager.common.OperationFailedException;
import dev.vpnmanager.delivery.ConfigDelivery;
import dev.vpnmanager.delivery.SubscriptionUrls;
import dev.vpnmanager.domain.OutboxMessage;
import java.util.Optional;
import javax.inject.Inject;

/**
 * The stored {@link OutboxStore#CONFIG} messages (a rotation's new config for a bound chat), made when sent:
 * the stored line saying why, then the config exactly as /config and /myconfig send it, in the chat's language.
 */
public final class ConfigContent implements StoredContent {
  private final Optional<ConfigDelivery> delivery;
  private final Optional<SubscriptionUrls> subscriptions;
  private final LanguagePreferences languages;

  @Inject
  public ConfigContent(Optional<ConfigDelivery> delivery, Optional<SubscriptionUrls> subscriptions,
                       LanguagePreferences languages) {
    this.delivery = delivery;
    this.subscriptions = subscriptions;
    this.languages = languages;
  }

  @Override
  public String kind() {
    return OutboxStore.CONFIG;
  }

  @Override
  public Reply render(OutboxMessage m) {
    String username = OutboxStore.configUser(m.getRef())
        .orElseThrow(() -> new OperationFailedException("no user in the reference"));
    if (delivery.isEmpty()) {
      throw new OperationFailedException("config delivery is not available in this build");
    }
    String language = Platform.fromCode(m.getPlatform()).flatMap(p -> languages.of(p, m.getTarget()))
        .orElse(Messages.DEFAULT_LANGUAGE);
    Reply reply = ConfigReplies.of(language, delivery.get().configFor(username), m.getText());
    return ConfigReplies.withSubscription(reply, subscriptions, language, username);
  }
}
