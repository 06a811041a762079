package dev.vpnmanager.chat.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vpnmanager.testing.telegram.TelegramHarness;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * 100,000 strangers each write once, half in their private chat with the bot and half in groups: nobody is
 * answered, and the daemon's heap stays within a bound (reported), because nothing per chat is kept without
 * limit (language cache, outbox lanes, update queues).
 */
class StrangerFloodTest {
  static final int STRANGERS = 100_000;
  /** The heap may grow by at most this much after the flood (measured after a full GC). */
  static final long BOUND = 48L << 20;
  @TempDir Path dir;

  private static long usedHeap() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  @Test
  void aFloodOfStrangersIsAnsweredByNobodyAndLeavesTheHeapBounded() throws Exception {
    ObjectMapper json = new ObjectMapper();
    try (TelegramHarness h = new TelegramHarness(dir)) {
      h.admin("/help");
      long before = usedHeap();
      long started = System.nanoTime();
      for (int batch = 0; batch < STRANGERS / 100; batch++) {
        List<Update> updates = new ArrayList<>(100);
        for (int i = 0; i < 100; i++) {
          long id = 1_000_000L + batch * 100L + i;
          long chat = i % 2 == 0 ? id : -id;
          String text = i % 3 == 0 ? "hello" : i % 3 == 1 ? "/nonsense" : "/users";
          updates.add(json.readValue(("{\"update_id\":%d,\"message\":{\"message_id\":1,\"date\":1,"
              + "\"chat\":{\"id\":%d,\"type\":\"%s\"},\"from\":{\"id\":%d,\"is_bot\":false,\"first_name\":\"x\"},"
              + "\"text\":\"%s\"}}").formatted(id, chat, chat < 0 ? "group" : "private", id,
              i % 3 == 2 && chat > 0 ? "hello" : text), Update.class));
        }
        h.transport.consume(updates);
        while (h.transport.pendingUpdates() > 2_000) {
          Thread.sleep(5);
        }
      }
      while (h.transport.pendingUpdates() > 0) {
        Thread.sleep(20);
      }
      long seconds = (System.nanoTime() - started) / 1_000_000_000L;
      long growth = usedHeap() - before;
      System.out.printf("stranger flood: %d updates in %d s, heap growth %d KiB (bound %d MiB), %d dropped%n",
          STRANGERS, seconds, growth >> 10, BOUND >> 20, h.transport.droppedUpdates());
      assertEquals(1, h.api.requests("sendMessage").size(), "only the admin's /help was answered");
      assertTrue(growth < BOUND, "heap grew by " + (growth >> 20) + " MiB");
      assertTrue(h.transport.outbox().lanes() <= 1, "no outbox lane per stranger: " + h.transport.outbox().lanes());
    }
  }
}
