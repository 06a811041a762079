package dev.vpnmanager.chat.outbox;

/**
 * One platform call of a reply (send a message, edit it, answer a button press). {@code counted} steps use
 * the rate limits; answering a button press is not a message and does not.
 */
public record Step(Call call, boolean counted) {
  /** The call itself; it throws what the platform client throws, and the outbox classifies that. */
  @FunctionalInterface
  public interface Call {
    void run() throws Exception;
  }

  public static Step message(Call call) {
    return new Step(call, true);
  }

  public static Step free(Call call) {
    return new Step(call, false);
  }
}
