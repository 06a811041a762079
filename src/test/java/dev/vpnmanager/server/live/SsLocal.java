package dev.vpnmanager.server.live;

import dev.vpnmanager.protocol.Exec;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** ss-local on the host started with exactly a user's client config (only its SOCKS port moved), and curl. */
final class SsLocal implements AutoCloseable {
  private final List<Process> processes = new ArrayList<>();
  private final Path ssLocal;
  private final Path curl;
  private final Path dir;

  SsLocal(Path ssLocal, Path curl, Path dir) {
    this.ssLocal = ssLocal;
    this.curl = curl;
    this.dir = dir;
  }

  /** Starts a client with this config file; returns its SOCKS port. */
  int start(String name, byte[] config) throws IOException {
    Path conf = dir.resolve(name + "-" + processes.size() + ".json");
    Files.write(conf, config);
    int socks = HandWiredFixture.freePort(44000);
    Process p = new ProcessBuilder(ssLocal.toString(), "-c", conf.toString(), "-l", Integer.toString(socks))
        .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
    processes.add(p);
    for (int i = 0; i < 100; i++) {
      try (Socket s = new Socket("127.0.0.1", socks)) {
        return socks;
      } catch (IOException e) {
        HandWiredFixture.sleep(50);
      }
    }
    throw new IOException("ss-local did not listen on " + socks);
  }

  /** How many bytes curl received through the client, or -1 when the fetch failed. */
  long fetch(int socks, String url, int maxSeconds) {
    Exec.Result r = Exec.stdout(curl, "-s", "-m", Integer.toString(maxSeconds), "--socks5-hostname",
        "127.0.0.1:" + socks, "-o", "/dev/null", "-w", "%{http_code} %{size_download}", url);
    String[] f = r.out().strip().split(" ");
    return r.exit() == 0 && f.length == 2 && f[0].equals("200") ? Long.parseLong(f[1]) : -1;
  }

  @Override
  public void close() {
    processes.forEach(Process::destroy);
  }
}
