package dev.vpnmanager.http.metrics;

import static dev.vpnmanager.http.HttpClientSupport.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.testing.ChildJvm;
import dev.vpnmanager.testing.ServeProcess;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code serve} that nobody scrapes never loads the JVM metrics (their management and flight-recorder
 * classes are a few MB of class metadata, BENCHMARKS.md); the first GET /metrics builds them, and the answer has
 * the daemon's and the JVM's metrics as before.
 */
class LazyJvmMetricsTest {
  private static final String JVM_METRICS = "io.prometheus.metrics.instrumentation.jvm.JvmMetrics ";

  @TempDir Path dir;

  @Test
  void jvmMetricsAreLoadedAtTheFirstScrapeOnly() throws Exception {
    Path classes = dir.resolve("classes.log");
    Path data = Files.createDirectories(dir.resolve("data"));
    assertEquals(0, ChildJvm.run(data, "", "users", "add", "alice", "--protocol", "socks").code());
    try (ServeProcess serve = new ServeProcess(data, dir,
        Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + classes)).start()) {
      Matcher m = Pattern.compile("HTTP on (http://\\S+)").matcher(serve.log(1));
      assertTrue(m.find(), serve.logs());
      String base = m.group(1);
      assertEquals(200, get(base + "/healthz").statusCode());
      assertFalse(Files.readString(classes).contains(JVM_METRICS), "JVM metrics loaded before any scrape");
      HttpResponse<String> r = get(base + "/metrics");
      assertEquals(200, r.statusCode());
      assertTrue(r.body().contains("vpn_users{protocol=\"socks\",status=\"active\"} 1"), r.body());
      assertTrue(r.body().contains("jvm_memory_used_bytes"), r.body());
      assertTrue(Files.readString(classes).contains(JVM_METRICS), "the scrape loaded the JVM metrics");
      assertTrue(get(base + "/metrics").body().contains("jvm_threads_current"));
    }
  }
}
