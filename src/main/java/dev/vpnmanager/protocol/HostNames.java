package dev.vpnmanager.protocol;

import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.common.Names;
import java.util.Locale;
import java.util.regex.Pattern;

/** DNS host names as RFC 1123 spells them (used for Reality SNI): labels of letters, digits and inner hyphens. */
public final class HostNames {
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  private HostNames() {}

  /** The name in lower case; a clear error for anything that is not a dotted DNS name (IP literals included). */
  public static String requireDnsName(String what, String host) {
    String h = host == null ? "" : host.trim().toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    boolean ok = !h.isEmpty() && h.length() <= 253 && h.contains(".") && !h.matches("[0-9.]+");
    for (String label : h.split("\\.", -1)) {
      ok &= LABEL.matcher(label).matches();
    }
    if (!ok) {
      throw new InvalidInputException("invalid " + what + " '" + Names.printable(host == null ? "" : host)
          + "': expected a DNS host name such as www.example.com");
    }
    return h;
  }
}
