package dev.vpnmanager.delivery;

/**
 * A user's subscription URL (the HTTP face serves it; VPN apps refresh the config from it). Implemented by
 * {@code http.sub}; chat handlers and the CLI only need the address.
 */
public interface SubscriptionUrls {
  /** The user's subscription URL, making their token on first use; NotFoundException for an unknown user. */
  String urlFor(String username);

  /** Whether links are public (http.public-url is set); chat replies carry the link only then. */
  boolean published();
}
