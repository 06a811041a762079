package dev.vpnmanager.server;

import dagger.Module;

/** Server definitions; later: the container lifecycle and the server chat handlers. */
@Module
public interface ServerModule {}
