package dev.vpnmanager.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.common.ConflictException;
import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.testing.TestApp;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserTransferTest {
  @TempDir Path dir;
  AppComponent source;

  @BeforeEach
  void setUp() {
    source = TestApp.create(dir.resolve("a"));
    Actor a = Actor.cli();
    source.users().add(a, new NewUser("alice", "vless", null, 50_000_000_000L,
        Instant.parse("2030-01-01T00:00:00Z"), "alice@example.org", "note, with \"quotes\"\nand a line"));
    source.users().add(a, NewUser.of("bob", "wireguard"));
    source.users().add(a, NewUser.of("carol", "shadowsocks"));
    source.users().suspend(a, "carol", "unpaid");
  }

  private List<UserRecord> exported() {
    return source.userQueries().all(null).stream().map(u -> source.users().withCredentials(u.username())).toList();
  }

  @Test
  void jsonRoundTripKeepsEverything() {
    String json = UserFiles.toJson(exported());
    AppComponent target = TestApp.create(dir.resolve("b"));
    target.userTransfer().importUsers(Actor.cli(), UserFiles.parse(json), false);
    assertEquals(json, UserFiles.toJson(target.userQueries().all(null).stream()
        .map(u -> target.users().withCredentials(u.username())).toList()));
  }

  @Test
  void csvRoundTripKeepsEverything() {
    String csv = UserFiles.toCsv(exported());
    AppComponent target = TestApp.create(dir.resolve("b"));
    target.userTransfer().importUsers(Actor.cli(), UserFiles.parse(csv), false);
    assertEquals(csv, UserFiles.toCsv(target.userQueries().all(null).stream()
        .map(u -> target.users().withCredentials(u.username())).toList()));
  }

  @Test
  void dryRunReportsAndWritesNothing() {
    AppComponent target = TestApp.create(dir.resolve("b"));
    UserTransfer.ImportReport r = target.userTransfer().importUsers(Actor.cli(),
        UserFiles.parse(UserFiles.toJson(exported())), true);
    assertEquals(3, r.created());
    assertTrue(r.dryRun());
    assertEquals(0, target.userQueries().count());
    assertEquals(0, target.servers().list().size());
  }

  @Test
  void oneBadRowImportsNothing() {
    String csv = "username,protocol,limitBytes\r\nokay1,vless,0\r\nokay2,wireguard,10\r\nbad/name,vless,0\r\n";
    AppComponent target = TestApp.create(dir.resolve("b"));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> target.userTransfer().importUsers(Actor.cli(), UserFiles.parse(csv), false));
    assertTrue(e.getMessage().contains("row 3"), e.getMessage());
    assertEquals(0, target.userQueries().count());
  }

  @Test
  void duplicatesAndExistingUsersImportNothing() {
    AppComponent target = TestApp.create(dir.resolve("b"));
    assertThrows(InvalidInputException.class, () -> target.userTransfer().importUsers(Actor.cli(),
        UserFiles.parse("username,protocol\nsam,vless\nsam,vless\n"), false));
    target.users().add(Actor.cli(), NewUser.of("bob", "vless"));
    assertThrows(ConflictException.class, () -> target.userTransfer().importUsers(Actor.cli(),
        UserFiles.parse(UserFiles.toJson(exported())), false));
    assertEquals(1, target.userQueries().count());
  }

  @Test
  void rowsWithoutCredentialsGetFreshOnes() {
    AppComponent target = TestApp.create(dir.resolve("b"));
    target.userTransfer().importUsers(Actor.cli(),
        UserFiles.parse("username,protocol\nwg1,wireguard\nwg2,wireguard\nvl1,vless\n"), false);
    assertEquals("10.8.0.2", target.users().withCredentials("wg1").credentials().get("address"));
    assertEquals("10.8.0.3", target.users().withCredentials("wg2").credentials().get("address"));
    assertTrue(target.users().withCredentials("vl1").credentials().get("uuid").length() == 36);
  }

  @Test
  void filesThatAreNotUserFilesAreRefused() {
    for (String text : List.of("hello", "{\"username\":\"x\"}", "[{\"username\":\"x\",\"bogus\":1}]",
        "username,protocol,what\nx,vless,1\n", "username,protocol\n\"x,vless\n", "[1,2]", "",
        "username,protocol,limitBytes\nabc,vless,lots\n")) {
      assertThrows(InvalidInputException.class, () -> UserFiles.parse(text), text);
    }
  }
}
