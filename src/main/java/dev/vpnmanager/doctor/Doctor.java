package dev.vpnmanager.doctor;

import dev.vpnmanager.chat.matrix.MatrixProbe;
import dev.vpnmanager.backup.BackupSeal;
import dev.vpnmanager.config.ConfigKeys;
import dev.vpnmanager.node.NodeRuntimes;
import dev.vpnmanager.server.PublicHost;
import dev.vpnmanager.server.runtime.InstallJournal;
import dev.vpnmanager.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** Runs the checks of `doctor`: configuration, data dir permissions, database, chat transports, Docker. */
public final class Doctor {
  private final Settings settings;
  private final Supplier<? extends DoctorParts> app;

  public Doctor(Settings settings, Supplier<? extends DoctorParts> app) {
    this.settings = settings;
    this.app = app;
  }

  public List<Check> run() {
    List<Check> out = new ArrayList<>();
    out.add(new Check("configuration", Check.Status.OK, "loaded from " + settings.source()));
    out.add(database());
    out.add(dataDir());
    out.add(transports());
    out.add(publicHost(new PublicHost(settings)));
    out.add(backups());
    out.addAll(outbox());
    if (settings.isSet(ConfigKeys.MATRIX_HOMESERVER)) {
      out.add(matrix());
    }
    out.addAll(docker());
    out.addAll(nodes());
    out.addAll(installs());
    out.addAll(drift());
    return out;
  }

  /**
   * The outbox: WARN with each dead letter (newest first, at most 10) and its reason; WARN when messages have
   * waited over an hour (is serve running? is the platform reachable?).
   */
  private List<Check> outbox() {
    try {
      var store = app.get().outboxStore();
      var counts = store.counts();
      List<Check> out = new ArrayList<>();
      boolean stale = counts.oldestPending() != null
          && counts.oldestPending().isBefore(java.time.Instant.now().minus(java.time.Duration.ofHours(1)));
      out.add(new Check("outbox", counts.dead() > 0 || stale ? Check.Status.WARN : Check.Status.OK,
          dev.vpnmanager.chat.outbox.durable.OutboxReport.summary(counts)
              + (stale ? "; messages wait for over an hour: is serve running and the chat platform reachable?" : "")
              + (counts.dead() > 0 ? "; /outbox lists them" : "")));
      for (var m : store.deadLetters(10)) {
        out.add(new Check("dead letter", Check.Status.WARN, dev.vpnmanager.chat.outbox.durable.OutboxReport.line(m)));
      }
      return out;
    } catch (RuntimeException e) {
      return List.of(new Check("outbox", Check.Status.WARN, "not checked: " + e.getMessage()));
    }
  }

  /**
   * Installs in the journal: one in progress is fine; one cut short by a kill and not undone yet (its node does not
   * answer, say) is a warning naming what it may have left open; serve undoes it at its next reconcile.
   */
  private List<Check> installs() {
    try {
      return app.get().installJournal().entries().stream().map(Doctor::install).toList();
    } catch (RuntimeException e) {
      return List.of(new Check("installs", Check.Status.WARN, "not checked: " + e.getMessage()));
    }
  }

  static Check install(InstallJournal.Entry e) {
    String where = NodeRuntimes.isLocal(e.node()) ? "" : " on node " + e.node();
    if (e.inProgress()) {
      return new Check("install " + e.server(), Check.Status.OK, "in progress" + where);
    }
    return new Check("install " + e.server(), Check.Status.WARN, "cut short (its process died)" + where
        + " and not undone yet" + (e.lastError() == null ? "" : ": " + e.lastError())
        + (e.nodePorts().isEmpty() ? "" : "; " + String.join(", ", e.nodePorts()) + " may be open in node "
        + e.node() + "'s firewall until then") + "; serve undoes it at its next reconcile");
  }

  /** Reconciles each running server with the database and reports what it found (and fixed). */
  private List<Check> drift() {
    try {
      return app.get().reconciler().reconcile().stream().map(d -> new Check("drift " + d.server(),
          d.none() ? Check.Status.OK : d.error() == null ? Check.Status.WARN : Check.Status.FAIL, d.summary()))
          .toList();
    } catch (RuntimeException e) {
      return List.of(new Check("drift", Check.Status.WARN, "not checked: " + e.getMessage()));
    }
  }

  /** Each remote node: answers, API version, certificate expiry, images, clock skew, ports to open. */
  private List<Check> nodes() {
    try {
      return app.get().nodeChecks().run(app.get().serverStatuses()::transports).stream().map(f -> new Check(f.name(), switch (f.level()) {
        case "ok" -> Check.Status.OK;
        case "warn" -> Check.Status.WARN;
        default -> Check.Status.FAIL;
      }, f.detail())).toList();
    } catch (RuntimeException e) {
      return List.of(new Check("nodes", Check.Status.WARN, "not checked: " + e.getMessage()));
    }
  }

  private List<Check> docker() {
    try {
      return app.get().dockerChecks().run();
    } catch (RuntimeException e) {
      return List.of(new Check("docker", Check.Status.FAIL, e.getMessage()));
    }
  }

  /**
   * The address client configs point at: a private one (the interface address behind a cloud's NAT) cannot be
   * reached from outside, so say how to set or detect the public one.
   */
  static Check publicHost(PublicHost host) {
    try {
      PublicHost.Detected d = host.detected();
      String from = d.address() + " (from " + d.source() + ")";
      if (PublicHost.isPrivate(d.address())) {
        return new Check("public host", Check.Status.WARN, from + " is a private address that clients outside "
            + "this network cannot reach: set public-host (VPN_PUBLIC_HOST) to the public IP or name, or "
            + "public-host.probe-urls to an echo URL that answers this machine's public IP"
            + (host.probeUrls().isEmpty() ? "" : " (the configured ones gave no address)"));
      }
      return new Check("public host", Check.Status.OK, from);
    } catch (RuntimeException e) {
      return new Check("public host", Check.Status.WARN, "not checked: " + e.getMessage());
    }
  }

  /** Backups go to the owner's chat once a day: warn when they would leave the machine unencrypted. */
  private Check backups() {
    String recipient = settings.get(ConfigKeys.BACKUP_RECIPIENT);
    boolean chat = settings.isSet(ConfigKeys.TELEGRAM_TOKEN) || settings.isSet(ConfigKeys.MATRIX_HOMESERVER);
    if (recipient == null || recipient.isBlank()) {
      return chat ? new Check("backups", Check.Status.WARN, "daily backups (every user's credentials and the "
          + "servers' keys) go to the owner's chat unencrypted: set backup.recipient to an OpenPGP public key file")
          : new Check("backups", Check.Status.OK, "kept in the data dir only");
    }
    try {
      new BackupSeal(settings, new java.security.SecureRandom());
      return new Check("backups", Check.Status.OK, "sent encrypted to the OpenPGP key in " + recipient);
    } catch (RuntimeException e) {
      return new Check("backups", Check.Status.FAIL, e.getMessage());
    }
  }

  private Check database() {
    try {
      DoctorParts a = app.get();
      int users = a.userQueries().count();
      return new Check("database", Check.Status.OK, redacted(settings.databaseUrl()) + " (" + users + " users, "
          + "schema up to date)");
    } catch (RuntimeException e) {
      return new Check("database", Check.Status.FAIL, e.getMessage() + " — check VPN_DATABASE_URL and the data dir");
    }
  }

  private Check dataDir() {
    Path dir = settings.dataDir();
    try {
      if (!Files.isDirectory(dir)) {
        return new Check("data dir", Check.Status.FAIL, dir + " does not exist");
      }
      Set<PosixFilePermission> p = Files.getPosixFilePermissions(dir);
      if (p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ)
          || p.contains(PosixFilePermission.OTHERS_WRITE) || p.contains(PosixFilePermission.GROUP_WRITE)) {
        return new Check("data dir", Check.Status.WARN, dir + " is readable by others: run chmod 700 " + dir);
      }
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Set<PosixFilePermission> fp = Files.getPosixFilePermissions(f);
          if (Files.isRegularFile(f) && (fp.contains(PosixFilePermission.OTHERS_READ)
              || fp.contains(PosixFilePermission.GROUP_READ))) {
            return new Check("data dir", Check.Status.WARN, f + " is readable by others: run chmod 600 " + f);
          }
        }
      }
      return new Check("data dir", Check.Status.OK, dir + " (owner only)");
    } catch (IOException e) {
      return new Check("data dir", Check.Status.FAIL, "cannot read " + dir + ": " + e.getMessage());
    }
  }

  private Check transports() {
    List<String> on = new ArrayList<>();
    if (settings.isSet(ConfigKeys.TELEGRAM_TOKEN)) {
      on.add("telegram");
    }
    if (settings.isSet(ConfigKeys.MATRIX_HOMESERVER)) {
      on.add("matrix");
    }
    if (on.isEmpty()) {
      return new Check("chat transports", Check.Status.WARN,
          "none configured: set VPN_TELEGRAM_TOKEN or VPN_MATRIX_HOMESERVER (the console works without either)");
    }
    return new Check("chat transports", Check.Status.OK, String.join(", ", on) + " configured");
  }

  private Check matrix() {
    try {
      return new Check("matrix", Check.Status.OK, MatrixProbe.describe(settings));
    } catch (RuntimeException e) {
      return new Check("matrix", Check.Status.FAIL, e.getMessage()
          + " — check VPN_MATRIX_HOMESERVER, VPN_MATRIX_USER and VPN_MATRIX_PASSWORD or VPN_MATRIX_TOKEN");
    }
  }

  private static String redacted(String url) {
    return url.replaceAll("password=[^&]*", "password=***");
  }
}
