package io.iamcore.http;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/** Reading requests: JSON bodies, ids in paths, numeric query parameters. */
public final class Requests {

  private static final Set<String> JSON_TYPES = Set.of("application/json", "application/scim+json");

  private Requests() {}

  /**
   * The body as a JSON object. Wrong Content-Type → 415; not JSON or not an object → the error
   * {@code invalid} makes (SCIM invalidSyntax or API invalidRequest).
   */
  public static JsonObject jsonObject(RoutingContext ctx, Function<String, RuntimeException> invalid) {
    String type = ctx.request().getHeader("Content-Type");
    String mediaType = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase();
    if (!JSON_TYPES.contains(mediaType)) {
      throw new ApiException(415, "unsupportedMediaType",
          "send the body as application/scim+json or application/json");
    }
    if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().length() == 0) {
      throw invalid.apply("the request has no body");
    }
    Object value;
    try {
      value = io.vertx.core.json.Json.decodeValue(ctx.body().buffer());
    } catch (DecodeException e) {
      throw invalid.apply("the body is not valid JSON");
    }
    if (!(value instanceof JsonObject object)) {
      throw invalid.apply("the body must be a JSON object");
    }
    return object;
  }

  /** A path id; a malformed one cannot name anything, so it is a 404 like an unknown one. */
  public static UUID pathId(RoutingContext ctx, String name, Function<String, RuntimeException> notFound) {
    String raw = ctx.pathParam(name);
    try {
      return UUID.fromString(raw);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw notFound.apply("no resource " + raw);
    }
  }

  /** An integer query parameter clamped to [min, max]; absent → fallback; not a number → 400. */
  public static int clampedInt(RoutingContext ctx, String name, int fallback, int min, int max,
      Function<String, RuntimeException> invalid) {
    String raw = ctx.request().getParam(name);
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    long value;
    try {
      value = Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      throw invalid.apply(name + " must be a whole number, got '" + raw + "'");
    }
    return (int) Math.max(min, Math.min(max, value));
  }
}
