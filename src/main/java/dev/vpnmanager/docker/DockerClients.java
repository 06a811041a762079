package dev.vpnmanager.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.SSLConfig;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * Builds a docker-java client over the Apache httpclient5 transport; the API version is left to the engine. With
 * {@link TlsFiles} the engine is dialled over TLS with that client certificate (read by the JDK: docker-java's own
 * PEM reader needs BouncyCastle, which this build leaves out); on a Unix socket no TLS context is built at all.
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
    SSLConfig ssl = config.getSSLConfig();
    if (ssl == null && "unix".equals(config.getDockerHost().getScheme())) {
      // no TLS on a Unix socket; without a context the transport builds the JDK's default one (UnusedTls). Not
      // for tcp://: there a context of ours would turn plain http into https
      SSLContext unused = UnusedTls.context();
      ssl = () -> unused;
    }
    ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
        .dockerHost(config.getDockerHost())
        .sslConfig(ssl)
        .maxConnections(32)
        .connectionTimeout(Duration.ofSeconds(5))
        .responseTimeout(Duration.ofMinutes(5))
        .build();
    return DockerClientImpl.getInstance(config, http);
  }
}
