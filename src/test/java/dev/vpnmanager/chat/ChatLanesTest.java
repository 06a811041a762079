package dev.vpnmanager.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One chat's updates in order; a chat stuck in a slow command holds up no other chat; a bound on what waits. */
class ChatLanesTest {
  @Test
  void aSlowChatHoldsUpOnlyItselfAndEachChatKeepsItsOrder() throws Exception {
    try (ChatLanes lanes = new ChatLanes("t", 4, 1000)) {
      CountDownLatch release = new CountDownLatch(1);
      List<String> done = new CopyOnWriteArrayList<>();
      lanes.execute("admin", () -> {
        await(release);
        done.add("admin-install");
      });
      lanes.execute("admin", () -> done.add("admin-next"));
      CountDownLatch others = new CountDownLatch(200);
      for (int i = 0; i < 200; i++) {
        String chat = "chat-" + i;
        lanes.execute(chat, () -> {
          done.add(chat + "-a");
          others.countDown();
        });
      }
      // every other chat is served while the admin's command still waits, whatever worker it would share
      assertTrue(others.await(10, TimeUnit.SECONDS), "other chats waited behind the slow one: " + others.getCount());
      assertFalse(done.contains("admin-next"), "the slow chat's next update waits for its first");
      release.countDown();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (lanes.pending() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertEquals(0, lanes.pending());
      assertTrue(done.indexOf("admin-install") < done.indexOf("admin-next"));
    }
  }

  @Test
  void beyondTheBoundNewUpdatesAreDroppedAndCounted() throws Exception {
    try (ChatLanes lanes = new ChatLanes("t", 1, 10)) {
      CountDownLatch release = new CountDownLatch(1);
      lanes.execute("x", () -> await(release));
      int accepted = 1;
      for (int i = 0; i < 20; i++) {
        accepted += lanes.execute("c" + i, () -> { }) ? 1 : 0;
      }
      assertEquals(10, accepted);
      assertEquals(11, lanes.dropped());
      release.countDown();
    }
  }

  private static void await(CountDownLatch l) {
    try {
      l.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
