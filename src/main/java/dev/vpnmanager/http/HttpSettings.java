package dev.vpnmanager.http;

import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.config.ConfigKeys;
import dev.vpnmanager.config.Settings;
import java.net.URI;

/**
 * Where the HTTP face listens ({@code http.listen}), the public base of subscription links
 * ({@code http.public-url}, behind the TLS reverse proxy; {@code published} when it is set) and the optional bearer token of /metrics.
 * The token is never part of toString.
 */
public record HttpSettings(String host, int port, String publicUrl, boolean published, String metricsToken) {

  public static HttpSettings from(Settings s) {
    String listen = s.get(ConfigKeys.HTTP_LISTEN).trim();
    int colon = listen.lastIndexOf(':');
    if (colon <= 0) {
      throw new InvalidInputException("http.listen must be host:port, like 127.0.0.1:8080, not '" + listen + "'");
    }
    String host = listen.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(listen.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65535) {
      throw new InvalidInputException("http.listen must end in a port 0-65535, not '" + listen + "'");
    }
    return new HttpSettings(host, port, publicUrl(s.get(ConfigKeys.HTTP_PUBLIC_URL), listen),
        s.isSet(ConfigKeys.HTTP_PUBLIC_URL), s.get(ConfigKeys.HTTP_METRICS_TOKEN));
  }

  /** The configured public URL without a trailing slash, else http://LISTEN (good for loopback only). */
  static String publicUrl(String configured, String listen) {
    String url = configured == null ? "" : configured.trim().replaceAll("/+$", "");
    if (url.isEmpty()) {
      return "http://" + listen;
    }
    URI u;
    try {
      u = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("http.public-url is not a URL: '" + url + "'");
    }
    if (u.getHost() == null || !("https".equals(u.getScheme()) || "http".equals(u.getScheme()))
        || u.getQuery() != null || u.getFragment() != null) {
      throw new InvalidInputException("http.public-url must be like https://vpn.example.org (a path is fine), not '"
          + url + "'");
    }
    return url;
  }

  @Override
  public String toString() {
    return "HttpSettings[" + host + ":" + port + ", publicUrl=" + publicUrl + ", metricsToken="
        + (metricsToken == null || metricsToken.isBlank() ? "none" : "set") + "]";
  }
}
