package dev.vpnmanager.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.protocol.UserSpec;
import dev.vpnmanager.testing.FreshPostgres;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.user.NewUser;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reconciler's two reads: the names of a server's users without their credentials, and a slice of named users
 * with them (thousands of names bound in one query), on SQLite and on PostgreSQL.
 */
class ServerUsersTest {
  @TempDir Path dir;

  @Test
  void sqlite() {
    check(TestApp.create(dir));
  }

  @Test
  void postgres() throws Exception {
    check(TestApp.create(dir, Clock.systemUTC(), Map.of("database.url", FreshPostgres.create())));
  }

  private static void check(AppComponent app) {
    for (String u : List.of("carol", "alice", "bob")) {
      app.users().add(Actor.cli(), NewUser.of(u, "vless"));
    }
    app.users().suspend(Actor.cli(), "alice", "test");
    String server = app.userQueries().require("bob").getServer().getName();
    var db = app.database();

    assertEquals(List.of("carol", "bob"), ServerUsers.names(db, server, true), "active ones, in the order of ids");
    assertEquals(List.of("carol", "alice", "bob"), ServerUsers.names(db, server, false));
    assertEquals(List.of(), ServerUsers.names(db, "no-such-server", false));

    List<String> wanted = new ArrayList<>();
    for (int i = 0; i < 4_998; i++) {
      wanted.add("nobody" + i);
    }
    wanted.addAll(List.of("bob", "alice"));
    List<UserSpec> active = ServerUsers.named(db, server, true, wanted);
    assertEquals(List.of("bob"), active.stream().map(UserSpec::username).toList(), "a suspended user is not active");
    assertEquals(app.users().withCredentials("bob").credentials().get("uuid"), active.get(0).require("uuid"));
    assertEquals(List.of("alice", "bob"),
        ServerUsers.named(db, server, false, wanted).stream().map(UserSpec::username).toList());
    assertEquals(List.of(), ServerUsers.named(db, server, false, List.of()));
    assertEquals(List.of(), ServerUsers.named(db, "no-such-server", false, wanted));
    assertEquals(List.of(), ServerUsers.named(db, server, false, List.of("bob' or '1'='1", "%")),
        "names are bound, never spliced into the SQL");
  }
}
