package dev.vpnmanager.http;

import io.javalin.http.Context;

/** Error answers that reveal nothing: a status and its short plain-text name, no stack trace, no echo. */
public final class PlainErrors {
  /** A request attribute: set it when a handler's own error body (the API's JSON) should go out as it is. */
  public static final String KEEP_BODY = "vpn.keep-error-body";

  private PlainErrors() {}

  public static void send(Context ctx, int status) {
    ctx.status(status).contentType("text/plain; charset=utf-8").result(text(status) + "\n");
  }

  static String text(int status) {
    return switch (status) {
      case 400 -> "bad request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not found";
      case 405 -> "method not allowed";
      case 413 -> "payload too large";
      case 429 -> "too many requests";
      case 431 -> "request header fields too large";
      case 503 -> "service unavailable";
      default -> status >= 500 ? "internal error" : "error";
    };
  }
}
