package dev.vpnmanager.cli;

import dev.vpnmanager.common.OperationFailedException;
import dev.vpnmanager.http.HttpSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * healthz: asks the running daemon's GET /healthz on http.listen and exits 0 when it answers 200, else 1. Opens
 * no database and changes nothing: for container health checks and supervisors.
 */
@Command(name = "healthz", mixinStandardHelpOptions = true,
    description = "Ask the running daemon's GET /healthz (http.listen); exit 0 when it is alive, 1 when not.")
public final class HealthzCommand implements Callable<Integer> {
  @ParentCommand RootCommand root;

  @Override
  public Integer call() {
    HttpSettings http = HttpSettings.from(root.settings());
    String host = http.host().isEmpty() || "0.0.0.0".equals(http.host()) || "::".equals(http.host())
        ? "127.0.0.1" : http.host().contains(":") ? "[" + http.host() + "]" : http.host();
    URI uri = URI.create("http://" + host + ":" + http.port() + "/healthz");
    try {
      HttpResponse<Void> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
          .send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
              HttpResponse.BodyHandlers.discarding());
      if (r.statusCode() != 200) {
        throw new OperationFailedException(uri + " answered " + r.statusCode());
      }
      root.out.println("alive");
      return 0;
    } catch (IOException e) {
      throw new OperationFailedException("no daemon answers at " + uri + ": " + e.getClass().getSimpleName(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperationFailedException("interrupted", e);
    }
  }
}
