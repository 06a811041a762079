package dev.vpnmanager.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Collects the frames of an attached stream (exec output, logs) into stdout and stderr text. */
final class FrameCollector extends ResultCallback.Adapter<Frame> {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final ByteArrayOutputStream both = new ByteArrayOutputStream();

  @Override
  public void onNext(Frame frame) {
    byte[] payload = frame.getPayload();
    if (payload == null) {
      return;
    }
    synchronized (this) {
      (frame.getStreamType() == StreamType.STDERR ? err : out).writeBytes(payload);
      both.writeBytes(payload);
    }
  }

  synchronized String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  synchronized String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** Both streams in the order they arrived. */
  synchronized String interleaved() {
    return both.toString(StandardCharsets.UTF_8);
  }

  /** What an exec printed on each stream. */
  record Texts(String stdout, String stderr) {}
}
