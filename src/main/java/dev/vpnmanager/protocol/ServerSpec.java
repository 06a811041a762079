package dev.vpnmanager.protocol;

/** A server definition as drivers see it: name, protocol, the host clients dial, port and its settings. */
public record ServerSpec(String name, String protocol, String host, int port, Credentials settings) {
  public String setting(String key, String fallback) {
    String v = settings.get(key);
    return v == null || v.isBlank() ? fallback : v;
  }

  /** The host as it goes into a URL: IPv6 literals in brackets. */
  public String urlHost() {
    return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
  }
}
