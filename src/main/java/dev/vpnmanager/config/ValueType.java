package dev.vpnmanager.config;

import java.net.URI;
import java.util.regex.Pattern;

/** The form a configuration value must have; {@link #check} returns a description of the form or null if ok. */
public enum ValueType {
  STRING("text") {
    @Override boolean valid(String v) {
      return true;
    }
  },
  PATH("a file system path") {
    @Override boolean valid(String v) {
      return !v.isBlank() && v.indexOf('\0') < 0;
    }
  },
  URL("an http:// or https:// URL") {
    @Override boolean valid(String v) {
      try {
        URI u = URI.create(v);
        return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null;
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
  },
  URL_LIST("comma-separated http:// or https:// URLs") {
    @Override boolean valid(String v) {
      for (String part : v.split(",")) {
        if (!part.isBlank() && !URL.valid(part.strip())) {
          return false;
        }
      }
      return true;
    }
  },
  JDBC_URL("a JDBC URL such as jdbc:sqlite:/path/vpn.db or jdbc:postgresql://host/db") {
    @Override boolean valid(String v) {
      return v.startsWith("jdbc:sqlite:") || v.startsWith("jdbc:postgresql:");
    }
  },
  DOCKER_HOST("unix:///path/to/docker.sock or tcp://host:port") {
    @Override boolean valid(String v) {
      return v.matches("unix:///\\S+") || v.matches("tcp://[^\\s/]+:\\d{1,5}/?");
    }
  },
  HOST("a host name or IP address") {
    @Override boolean valid(String v) {
      return HOST_PATTERN.matcher(v).matches() || v.matches("\\[?[0-9a-fA-F:]+]?");
    }
  },
  DURATION("a duration such as 10s, 1m, 2h") {
    @Override boolean valid(String v) {
      return Durations.isValid(v);
    }
  },
  ADMINS("comma-separated telegram:<user id> or matrix:@user:server entries") {
    @Override boolean valid(String v) {
      for (String part : v.split(",")) {
        String p = part.trim();
        if (p.isEmpty()) {
          continue;
        }
        if (!p.matches("telegram:\\d{1,20}") && !p.matches("matrix:@[a-z0-9._=/+-]+:[A-Za-z0-9.-]+(:\\d+)?")) {
          return false;
        }
      }
      return true;
    }
  },
  PORT_RANGE("a port range such as 20000-30000") {
    @Override boolean valid(String v) {
      if (!v.matches("\\d{1,5}-\\d{1,5}")) {
        return false;
      }
      String[] p = v.split("-");
      int lo = Integer.parseInt(p[0]);
      int hi = Integer.parseInt(p[1]);
      return lo >= 1 && hi <= 65535 && lo <= hi;
    }
  },
  CIDR("an IPv4 subnet such as 10.8.0.0/24") {
    @Override boolean valid(String v) {
      return v.matches("(\\d{1,3}\\.){3}\\d{1,3}/(1[6-9]|2[0-9]|30)");
    }
  },
  CIDR_LIST("comma-separated IPv4 or IPv6 networks such as 192.168.1.0/24, fd00::/8") {
    @Override boolean valid(String v) {
      try {
        dev.vpnmanager.common.Cidr.parseList(v);
        return true;
      } catch (dev.vpnmanager.common.InvalidInputException e) {
        return false;
      }
    }
  },
  BOOLEAN("true or false") {
    @Override boolean valid(String v) {
      return v.equals("true") || v.equals("false");
    }
  },
  LOG_LEVEL("one of error, warn, info, debug") {
    @Override boolean valid(String v) {
      return v.matches("error|warn|info|debug");
    }
  };

  private static final Pattern HOST_PATTERN =
      Pattern.compile("(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

  private final String form;

  ValueType(String form) {
    this.form = form;
  }

  public String form() {
    return form;
  }

  abstract boolean valid(String value);
}
