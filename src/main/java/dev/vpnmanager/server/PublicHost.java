package dev.vpnmanager.server;

import dev.vpnmanager.config.ConfigKeys;
import dev.vpnmanager.config.Settings;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host client configs point at: {@code public-host} (VPN_PUBLIC_HOST) when set; else the address the
 * configured echo URLs ({@code public-host.probe-urls}, asked in order, plain HTTP GET answering the caller's IP as
 * text) see this machine come from; else this machine's first global interface address, which behind NAT (most
 * clouds) is a private one clients cannot reach. A probed address is kept for the life of the process.
 */
@Singleton
public final class PublicHost {
  private static final Logger LOG = LoggerFactory.getLogger(PublicHost.class);
  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);
  /** An answer is one IPv4 or IPv6 literal, nothing else (no names: an echo must not make us resolve anything). */
  private static final Pattern IP_LITERAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]*");
  private final Settings settings;
  private volatile Detected probed;

  /** Where the address came from: "public-host", an echo URL, or the interface it was read from. */
  public record Detected(String address, String source) {}

  @Inject
  public PublicHost(Settings settings) {
    this.settings = settings;
  }

  public String get() {
    return detected().address();
  }

  public boolean isConfigured() {
    return settings.isSet(ConfigKeys.PUBLIC_HOST);
  }

  /** The address in use and where it came from. */
  public Detected detected() {
    String configured = settings.get(ConfigKeys.PUBLIC_HOST);
    if (!configured.isBlank()) {
      return new Detected(configured, "public-host");
    }
    Detected p = probed;
    if (p == null) {
      p = probe(probeUrls()).orElse(null);
      if (p != null) {
        probed = p;
      }
    }
    return p != null ? p : new Detected(detect(), "the first interface address");
  }

  public List<String> probeUrls() {
    List<String> out = new ArrayList<>();
    for (String u : settings.get(ConfigKeys.PUBLIC_HOST_PROBE_URLS).split(",")) {
      if (!u.isBlank()) {
        out.add(u.strip());
      }
    }
    return out;
  }

  /** Asks each URL in turn; the first that answers 200 with an IP literal wins. */
  static Optional<Detected> probe(List<String> urls) {
    if (urls.isEmpty()) {
      return Optional.empty();
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NORMAL).proxy(HttpClient.Builder.NO_PROXY).build();
    for (String url : urls) {
      try {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(PROBE_TIMEOUT)
            .header("Accept", "text/plain").GET().build();
        HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
        String body = res.body() == null ? "" : res.body().strip();
        if (res.statusCode() == 200 && body.length() <= 45 && IP_LITERAL.matcher(body).matches() && isIp(body)) {
          return Optional.of(new Detected(body, url));
        }
        LOG.warn("public-host.probe-urls: {} answered {} '{}', not an IP address", url, res.statusCode(),
            body.length() > 60 ? body.substring(0, 60) + "…" : body);
      } catch (IOException | IllegalArgumentException e) {
        LOG.warn("public-host.probe-urls: {} failed: {}", url, e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static boolean isIp(String literal) {
    if (literal.indexOf(':') < 0) {
      // dotted quad: check the octets here, since InetAddress would look an invalid one up as a name
      for (String octet : literal.split("\\.")) {
        if (Integer.parseInt(octet) > 255) {
          return false;
        }
      }
      return true;
    }
    try {
      InetAddress.getByName(literal); // a literal: parsed, never resolved
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * Whether clients on the internet cannot reach this address: loopback, private (10/8, 172.16/12, 192.168/16),
   * shared carrier-grade NAT (100.64/10), link-local, unique-local IPv6 (fc00::/7). Host names are not resolved.
   */
  public static boolean isPrivate(String host) {
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (!IP_LITERAL.matcher(h).matches()) {
      return "localhost".equalsIgnoreCase(h);
    }
    if (!isIp(h)) {
      return false;
    }
    InetAddress a;
    try {
      a = InetAddress.getByName(h);
    } catch (UnknownHostException e) {
      return false;
    }
    if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()) {
      return true;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
    }
    return a instanceof Inet6Address && (b[0] & 0xfe) == 0xfc;
  }

  static String detect() {
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp() || nic.isLoopback() || nic.getName().startsWith("docker") || nic.getName().startsWith("br-")) {
          continue;
        }
        for (InetAddress a : Collections.list(nic.getInetAddresses())) {
          if (a instanceof Inet4Address && !a.isLinkLocalAddress() && !a.isLoopbackAddress()) {
            return a.getHostAddress();
          }
        }
      }
    } catch (SocketException e) {
      // fall through to loopback
    }
    return "127.0.0.1";
  }
}
