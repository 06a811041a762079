package dev.vpnmanager.notify;

import dev.vpnmanager.chat.ChatTransport;
import dev.vpnmanager.chat.Platform;
import dev.vpnmanager.chat.Reply;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A chat stand-in that records what it was asked to send; it can be told to fail like a network outage. */
public final class RecordingTransport implements ChatTransport {
  /** One message: to a chat or (sendToUser) to a person. */
  public record Sent(String to, boolean toPerson, Reply reply) {}

  private final Platform platform;
  public final List<Sent> sent = new CopyOnWriteArrayList<>();
  public volatile boolean down;

  public RecordingTransport(Platform platform) {
    this.platform = platform;
  }

  @Override
  public Platform platform() {
    return platform;
  }

  @Override
  public void start() {}

  @Override
  public void send(String chatId, Reply reply) {
    record(new Sent(chatId, false, reply));
  }

  @Override
  public void sendToUser(String userId, Reply reply) {
    record(new Sent(userId, true, reply));
  }

  private void record(Sent s) {
    if (down) {
      throw new IllegalStateException("network unreachable");
    }
    sent.add(s);
  }

  public List<String> texts() {
    return sent.stream().map(s -> s.reply().allText()).toList();
  }

  @Override
  public void close() {}
}
