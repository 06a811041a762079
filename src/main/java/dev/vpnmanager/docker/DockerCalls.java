package dev.vpnmanager.docker;

import com.github.dockerjava.api.exception.DockerException;
import dev.vpnmanager.common.OperationFailedException;
import java.io.IOException;
import java.util.concurrent.Callable;

/** Runs engine calls and turns their failures into one-line {@link OperationFailedException}s. */
final class DockerCalls {
  private final String endpoint;

  DockerCalls(String endpoint) {
    this.endpoint = endpoint;
  }

  interface Action {
    void run() throws Exception;
  }

  void run(String what, Action action) {
    call(what, () -> {
      action.run();
      return null;
    });
  }

  <T> T call(String what, Callable<T> body) {
    try {
      return body.call();
    } catch (OperationFailedException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperationFailedException("interrupted during docker " + what, e);
    } catch (DockerException e) {
      throw new OperationFailedException("docker " + what + " failed: " + engineMessage(e), e);
    } catch (LinkageError e) {
      throw new OperationFailedException("docker " + what + " failed: " + e.getMessage() + " (TLS client "
          + "certificates from DOCKER_CERT_PATH need BouncyCastle, which this build leaves out)", e);
    } catch (Exception e) {
      if (isConnectionProblem(e)) {
        throw new DockerUnavailableException(endpoint, e);
      }
      throw new OperationFailedException("docker " + what + " failed: " + e.getMessage(), e);
    }
  }

  /** The engine's own words: docker-java puts them in a {"message":"..."} body after "Status N:". */
  static String engineMessage(DockerException e) {
    String m = String.valueOf(e.getMessage());
    int i = m.indexOf("\"message\":\"");
    if (i >= 0) {
      int end = m.indexOf('"', i + 11);
      m = m.substring(i + 11, end > 0 ? end : m.length());
    }
    return m.lines().findFirst().orElse(m).trim();
  }

  private static boolean isConnectionProblem(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }
}
