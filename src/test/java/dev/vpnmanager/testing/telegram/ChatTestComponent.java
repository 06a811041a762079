package dev.vpnmanager.testing.telegram;

import dagger.BindsInstance;
import dagger.Component;
import dev.vpnmanager.AppComponent;
import dev.vpnmanager.chat.ChatModule;
import dev.vpnmanager.chat.i18n.LanguagePreferences;
import dev.vpnmanager.chat.telegram.TelegramModule;
import dev.vpnmanager.config.ConfigModule;
import dev.vpnmanager.config.Settings;
import dev.vpnmanager.protocol.ProtocolModule;
import dev.vpnmanager.server.ServerModule;
import dev.vpnmanager.storage.StorageModule;
import dev.vpnmanager.user.UserModule;
import dev.vpnmanager.user.invite.InviteService;
import java.time.Clock;
import javax.inject.Singleton;

/**
 * The application graph with the same modules as {@link AppComponent} plus a test {@code ConfigDelivery}
 * (while the render feature is not in this branch). If the real one is bound in one of these modules,
 * drop {@link FixedLinkDeliveryModule} here: the tests compare the QR with the link in the caption.
 */
@Singleton
@Component(modules = {
    ChatModule.class,
    ConfigModule.class,
    FixedLinkDeliveryModule.class,
    ProtocolModule.class,
    ServerModule.class,
    StorageModule.class,
    TelegramModule.class,
    UserModule.class})
public interface ChatTestComponent extends AppComponent {
  InviteService invites();

  LanguagePreferences languages();

  /** Settings and the clock from the test. */
  @Component.Builder
  interface Builder {
    @BindsInstance
    Builder settings(Settings settings);

    @BindsInstance
    Builder clock(Clock clock);

    ChatTestComponent build();
  }
}
