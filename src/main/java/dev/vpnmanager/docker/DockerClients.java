package dev.vpnmanager.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.time.Duration;

/**
 * Builds a docker-java client over the Apache httpclient5 transport; the API version is left to the engine. With
 * {@link TlsFiles} the engine is dialled over TLS with that client certificate (read by the JDK: docker-java's own
 * PEM reader needs BouncyCastle, which this build leaves out).
 */
final class DockerClients {
  private DockerClients() {}

  static DockerClient connect(String endpoint) {
    return connect(endpoint, null);
  }

  static DockerClient connect(String endpoint, TlsFiles tls) {
    var builder = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(endpoint);
    if (tls != null) {
      var context = tls.context();
      builder.withDockerTlsVerify(true).withCustomSslConfig(() -> context);
    }
    DefaultDockerClientConfig config = builder.build();
    ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
        .dockerHost(config.getDockerHost())
        .sslConfig(config.getSSLConfig())
        .maxConnections(32)
        .connectionTimeout(Duration.ofSeconds(5))
        .responseTimeout(Duration.ofMinutes(5))
        .build();
    return DockerClientImpl.getInstance(config, http);
  }
}
