package dev.vpnmanager.chat.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Splitting never cuts an emoji in half, prefers line breaks, and escaping covers every HTML special. */
class TextChunksTest {
  @Test
  void splitsWithoutBreakingSurrogatePairsAndKeepsEveryCharacter() {
    String text = "😀".repeat(3000);
    List<String> parts = TextChunks.split(text, TextChunks.MESSAGE_LIMIT);
    assertEquals(text, String.join("", parts));
    for (String p : parts) {
      assertTrue(p.length() <= TextChunks.MESSAGE_LIMIT);
      assertTrue(!Character.isHighSurrogate(p.charAt(p.length() - 1)), "cut inside an emoji");
    }
  }

  @Test
  void prefersLineBreaksAndShortTextsStayWhole() {
    String line = "x".repeat(3000);
    assertEquals(List.of(line, line), TextChunks.split(line + "\n" + line, TextChunks.MESSAGE_LIMIT));
    assertEquals(List.of("short"), TextChunks.split("short", TextChunks.MESSAGE_LIMIT));
    assertEquals(List.of(""), TextChunks.split("", TextChunks.MESSAGE_LIMIT));
  }

  @Test
  void escapesHtmlSpecials() {
    assertEquals("&lt;b&gt; &amp; &quot;q&quot;", Html.escape("<b> & \"q\""));
    assertEquals("<code>a&amp;b</code>", Html.code("a&b"));
  }
}
