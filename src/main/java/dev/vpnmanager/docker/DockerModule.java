package dev.vpnmanager.docker;

import dagger.Module;
import dagger.Provides;
import dev.vpnmanager.config.Settings;
import java.time.Clock;
import javax.inject.Singleton;

/** The container runtime: docker-java against docker.host / $DOCKER_HOST / the local socket. */
@Module
public interface DockerModule {
  @Provides
  @Singleton
  static ContainerRuntime containerRuntime(Settings settings, Clock clock) {
    return new DockerJavaRuntime(DockerEndpoint.resolve(settings, System.getenv()), clock);
  }
}
