package dev.vpnmanager.user;

import dagger.Module;

/** Users: the service is injected directly; chat handlers are bound in {@link UserChatModule}. */
@Module(includes = UserChatModule.class)
public interface UserModule {}
