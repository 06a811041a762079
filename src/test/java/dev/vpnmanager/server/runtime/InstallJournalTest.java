package dev.vpnmanager.server.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.doctor.Check;
import dev.vpnmanager.doctor.Doctor;
import dev.vpnmanager.domain.AuditEntry;
import dev.vpnmanager.storage.StateStore;
import dev.vpnmanager.storage.Tx;
import dev.vpnmanager.testing.DockerPeer;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.user.NewUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which cut installs are undone and how: by the owner's liveness, and back to the database as it was. */
class InstallJournalTest {
  @TempDir Path dir;
  AppComponent app;
  StateStore state;
  String boot;

  @BeforeEach
  void setUp() throws Exception {
    DockerPeer.runtime();
    app = TestApp.create(dir, Clock.systemUTC(), Map.of("firewall.mode", "off"));
    state = new StateStore(new Tx(app.database()));
    boot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
  }

  private void define(String name, int port) {
    new Tx(app.database()).run(txn -> app.servers().define(txn, Actor.cli(), "socks", name, port));
  }

  private void row(String name, boolean created, Integer oldPort, int port, String bootId, long pid, long started,
                   long deadline) {
    state.put(InstallJournal.PREFIX + name, "{\"server\":\"" + name + "\",\"protocol\":\"socks\",\"node\":null,"
        + "\"port\":" + port + ",\"created\":" + created + (oldPort == null ? "" : ",\"oldPort\":" + oldPort)
        + ",\"boot\":\"" + bootId + "\",\"pid\":" + pid + ",\"started\":" + started + ",\"deadline\":" + deadline
        + "}");
  }

  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return p.pid();
  }

  @Test
  void aDeadInstallOfANewDefinitionIsForgottenWithItsDefineLine() throws Exception {
    define("jr-new", 41001);
    row("jr-new", true, null, 41001, boot, deadPid(), 1, Long.MAX_VALUE);
    assertEquals(List.of("jr-new"), app.installJournal().recover());
    assertTrue(app.servers().find("jr-new").isEmpty(), "the definition the install made is gone");
    assertEquals(0, app.database().find(AuditEntry.class).where().eq("action", "server.define")
        .eq("target", "jr-new").findCount());
    assertEquals(1, app.database().find(AuditEntry.class).where().eq("action", "server.install.undone")
        .eq("target", "jr-new").findCount());
    assertEquals(List.of(), app.installJournal().pending());
  }

  @Test
  void aDeadInstallThatChangedThePortOfAnExistingDefinitionPutsItBackAndUsersKeepANewOne() throws Exception {
    define("jr-port", 41002);
    new Tx(app.database()).run(txn -> {
      var s = app.servers().require("jr-port");
      s.setPort(41003);
      app.database().update(s, txn);
    });
    row("jr-port", false, 41002, 41003, boot, deadPid(), 1, Long.MAX_VALUE);
    define("jr-used", 41004);
    app.users().add(Actor.cli(), new NewUser("joined", "socks", "jr-used", 0, null, null, null));
    row("jr-used", true, null, 41004, boot, deadPid(), 1, Long.MAX_VALUE);
    assertEquals(List.of("jr-port", "jr-used"), app.installJournal().recover());
    assertEquals(41002, app.servers().require("jr-port").getPort());
    assertFalse(app.servers().require("jr-used").isDeployed(), "a definition with users stays, undeployed");
  }

  @Test
  void anInstallWhoseProcessRunsIsLeftAloneAndAnotherMachinesUntilItsDeadline() throws Exception {
    ProcessHandle me = ProcessHandle.current();
    long started = me.info().startInstant().orElseThrow().toEpochMilli();
    define("jr-live", 41005);
    row("jr-live", true, null, 41005, boot, me.pid(), started, 0);
    define("jr-remote", 41006);
    row("jr-remote", true, null, 41006, "another-machine", 1, 1, System.currentTimeMillis() + 60_000);
    define("jr-late", 41007);
    row("jr-late", true, null, 41007, "another-machine", 1, 1, System.currentTimeMillis() - 1);
    define("jr-reused", 41008);
    row("jr-reused", true, null, 41008, boot, me.pid(), started - 5_000, Long.MAX_VALUE);
    assertEquals(List.of("jr-late", "jr-reused"), app.installJournal().recover(),
        "a live owner and another machine's install within its deadline are left; a reused pid is not the owner");
    assertEquals(List.of("jr-live", "jr-remote"), app.installJournal().pending());
    assertTrue(app.servers().find("jr-live").isPresent());
  }

  @Test
  void aCutInstallWhoseNodeCannotBeReachedStaysInTheJournalAndDoctorSaysWhatItMayHaveLeftOpen() throws Exception {
    define("jr-ghost", 41009);
    state.put(InstallJournal.PREFIX + "jr-ghost", "{\"server\":\"jr-ghost\",\"protocol\":\"socks\",\"node\":\"ghost\","
        + "\"port\":41009,\"created\":true,\"nodePorts\":[\"41009/tcp\"],\"boot\":\"" + boot + "\",\"pid\":"
        + deadPid() + ",\"started\":1,\"deadline\":0}");
    assertEquals(List.of(), app.installJournal().recover(), "nothing undone while the node cannot be reached");
    assertTrue(app.servers().find("jr-ghost").isPresent(), "the reservation stays until the ports are closed");
    InstallJournal.Entry e = app.installJournal().entries().get(0);
    assertEquals(List.of("41009/tcp"), e.nodePorts());
    assertFalse(e.inProgress());
    assertTrue(e.lastError().contains("no node 'ghost'"), e.lastError());
    Check shown = new Doctor(app.settings(), () -> app).run().stream()
        .filter(c -> c.name().equals("install jr-ghost")).findFirst().orElseThrow();
    assertEquals(Check.Status.WARN, shown.status());
    assertTrue(shown.detail().startsWith("cut short (its process died) on node ghost and not undone yet: no node "
        + "'ghost'") && shown.detail().contains("41009/tcp may be open in node ghost's firewall"), shown.line());
  }
}
