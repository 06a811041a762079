package dev.vpnmanager.release;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/**
 * What this build is: the Maven version (build.properties, filled by resource filtering) and the git commit
 * (git.properties, written by git-commit-id-maven-plugin). Either missing, e.g. a build from a source tarball
 * without .git, reads as "unknown".
 */
public final class BuildInfo {
  public static final String UNKNOWN = "unknown";
  private static final BuildInfo CURRENT = load();

  private final String version;
  private final String commit;
  private final boolean dirty;

  BuildInfo(String version, String commit, boolean dirty) {
    this.version = version;
    this.commit = commit;
    this.dirty = dirty;
  }

  public static BuildInfo current() {
    return CURRENT;
  }

  public String version() {
    return version;
  }

  public String commit() {
    return commit;
  }

  /** One line, e.g. {@code vpn-manager 0.1.0 (commit 1a2b3c4d5e6f)}. */
  public String line() {
    return "vpn-manager " + version + " (commit " + commit + (dirty ? ", modified" : "") + ")";
  }

  static BuildInfo load() {
    Properties build = read("build.properties");
    Properties git = read("git.properties");
    return new BuildInfo(value(build.getProperty("version")), value(git.getProperty("git.commit.id.abbrev")),
        "true".equals(git.getProperty("git.dirty")));
  }

  /** A property Maven did not fill stays "${...}"; that and blank read as unknown. */
  static String value(String raw) {
    if (raw == null || raw.isBlank() || raw.contains("${")) {
      return UNKNOWN;
    }
    return raw.trim();
  }

  private static Properties read(String name) {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream(name)) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // unreadable: every value reads as unknown
    }
    return p;
  }

  /** picocli's --version. */
  public static final class Provider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {current().line()};
    }
  }
}
