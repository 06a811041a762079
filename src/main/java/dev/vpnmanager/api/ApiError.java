package dev.vpnmanager.api;

import dev.vpnmanager.common.ConflictException;
import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.common.NotFoundException;
import dev.vpnmanager.common.OperationFailedException;
import dev.vpnmanager.config.Json;
import dev.vpnmanager.http.PlainErrors;
import io.javalin.http.Context;
import java.util.Map;

/** The API's errors: a status and one clear message as JSON, the same words the CLI prints. */
final class ApiError {
  private ApiError() {}

  static void send(Context ctx, int status, String message) {
    ctx.attribute(PlainErrors.KEEP_BODY, true);
    try {
      ctx.status(status).contentType("application/json")
          .result(Json.MAPPER.writeValueAsString(Map.of("error", message)) + "\n");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Maps what a service threw: 400 invalid input, 404 not found, 409 conflict, 503 the operation failed. */
  static void from(Context ctx, RuntimeException e) {
    // not found and conflict are kinds of invalid input (exit code 2 on the CLI): ask for them first
    if (e instanceof NotFoundException) {
      send(ctx, 404, e.getMessage());
    } else if (e instanceof ConflictException) {
      send(ctx, 409, e.getMessage());
    } else if (e instanceof InvalidInputException) {
      send(ctx, 400, e.getMessage());
    } else if (e instanceof OperationFailedException) {
      send(ctx, 503, e.getMessage());
    } else if (e instanceof ArithmeticException || e instanceof IllegalArgumentException) {
      send(ctx, 400, "invalid value");
    } else {
      throw e;
    }
  }
}
