package dev.vpnmanager.http;

import dev.vpnmanager.common.OperationFailedException;
import io.javalin.Javalin;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Singleton;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one embedded HTTP server (Javalin on Jetty): subscriptions, the user page, probes, metrics, the admin
 * API and the Telegram webhook, each contributed as {@link HttpRoutes}. Started by {@code serve} (and by the
 * Telegram webhook, which needs it); {@link #start} and {@link #close} may be called more than once.
 * Errors are plain and short: no stack trace, no server version, nothing of the request echoed back.
 */
@Singleton
public final class WebServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
  private final HttpSettings settings;
  private final Set<HttpRoutes> routes;
  private final List<String> extraListeners;
  private Javalin app;

  @Inject
  public WebServer(HttpSettings settings, Set<HttpRoutes> routes, @Named("http.extra-listeners") List<String> extra) {
    this.settings = settings;
    this.routes = routes;
    this.extraListeners = extra;
  }

  public synchronized void start() {
    if (app != null) {
      return;
    }
    Javalin a = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.startupWatcherEnabled = false;
      config.http.maxRequestSize = 1 << 20;
      config.http.disableCompression();
      config.jetty.defaultHost = settings.host();
      config.jetty.defaultPort = settings.port();
      config.jetty.modifyHttpConfiguration(hc -> {
        hc.setSendServerVersion(false);
        hc.setSendXPoweredBy(false);
        hc.setRequestHeaderSize(8192);
      });
      config.jetty.modifyServer(server -> server.setErrorHandler(new PlainJettyErrors()));
      for (String listen : extraListeners) {
        int colon = listen.lastIndexOf(':');
        config.jetty.addConnector((server, hc) -> {
          ServerConnector c = new ServerConnector(server, new org.eclipse.jetty.server.HttpConnectionFactory(hc));
          c.setHost(listen.substring(0, colon));
          c.setPort(Integer.parseInt(listen.substring(colon + 1)));
          return c;
        });
      }
      config.router.mount(r -> routes.forEach(route -> route.addTo(r)));
    });
    a.exception(Exception.class, (e, ctx) -> {
      // the message may quote a path or a token: the class name is enough to find it with --debug
      LOG.warn("HTTP {} failed: {}", ctx.method(), e.getClass().getSimpleName());
      LOG.debug("HTTP failure", e);
      PlainErrors.send(ctx, 500);
    });
    // Javalin's own refusals quote the path: answer with the plain text instead
    a.exception(io.javalin.http.HttpResponseException.class, (e, ctx) -> PlainErrors.send(ctx, e.getStatus()));
    a.error(404, ctx -> {
      if (ctx.attribute(PlainErrors.KEEP_BODY) == null) {
        PlainErrors.send(ctx, 404);
      }
    });
    a.error(405, ctx -> PlainErrors.send(ctx, 405));
    try {
      a.start();
    } catch (RuntimeException e) {
      a.stop();
      throw new OperationFailedException("cannot listen on " + settings.host() + ":" + settings.port()
          + " (http.listen): " + rootMessage(e), e);
    }
    app = a;
    LOG.info("HTTP listening on {}:{}", settings.host(), port());
  }

  /** The port bound (useful with port 0 in tests). */
  public synchronized int port() {
    if (app == null) {
      throw new IllegalStateException("the HTTP server is not started");
    }
    return app.port();
  }

  public synchronized boolean running() {
    return app != null;
  }

  /** The base URL of this server as bound, for tests and probes (not the public URL). */
  public String localUrl() {
    String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
    return "http://" + ("0.0.0.0".equals(host) ? "127.0.0.1" : host) + ":" + port();
  }

  @Override
  public synchronized void close() {
    if (app != null) {
      app.stop();
      app = null;
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /** Jetty's own refusals (bad URI, headers too large): status and reason only, as plain text. */
  private static final class PlainJettyErrors extends ErrorHandler {
    PlainJettyErrors() {
      setShowStacks(false);
      setShowServlet(false);
      setShowMessageInTitle(false);
    }

    @Override
    public void handle(String target, Request base, jakarta.servlet.http.HttpServletRequest request,
                       jakarta.servlet.http.HttpServletResponse response) throws IOException {
      base.setHandled(true);
      int status = response.getStatus();
      response.setContentType("text/plain; charset=utf-8");
      response.getWriter().write(PlainErrors.text(status) + "\n");
    }

    @Override
    public java.nio.ByteBuffer badMessageError(int status, String reason, org.eclipse.jetty.http.HttpFields.Mutable fields) {
      fields.put(org.eclipse.jetty.http.HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
      return java.nio.ByteBuffer.wrap((PlainErrors.text(status) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
