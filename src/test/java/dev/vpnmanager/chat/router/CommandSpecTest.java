package dev.vpnmanager.chat.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CommandSpecTest {
  @Test
  void requiredOptionalAndRestArgumentsDecideWhatFits() {
    CommandSpec renew = new CommandSpec("renew", Role.ADMIN, "NAME DAYS [TRAFFIC like 10GB]", "add days");
    assertEquals("/renew NAME DAYS [TRAFFIC like 10GB]", renew.usage());
    assertFalse(renew.accepts(1));
    assertTrue(renew.accepts(2));
    assertTrue(renew.accepts(3));
    assertFalse(renew.accepts(4), "a bracket with spaces is one optional argument");

    CommandSpec broadcast = new CommandSpec("broadcast", Role.ADMIN, "TEXT", "message everyone");
    assertFalse(broadcast.accepts(0));
    assertTrue(broadcast.accepts(40));

    CommandSpec backup = new CommandSpec("backup", Role.ADMIN, "send a backup");
    assertEquals("/backup", backup.usage());
    assertTrue(backup.accepts(0));
    assertFalse(backup.accepts(1));
  }

  @Test
  void aNameIsOneLowerCaseWord() {
    assertThrows(IllegalArgumentException.class, () -> new CommandSpec("/renew", Role.ADMIN, "x"));
    assertThrows(IllegalArgumentException.class, () -> new CommandSpec("Renew", Role.ADMIN, "x"));
  }
}
