package io.iamcore.http;

import io.iamcore.auth.AuthenticationException;
import io.iamcore.scim.ScimException;
import io.iamcore.scim.ScimSchemas;
import io.iamcore.store.DatabaseHealth;
import io.iamcore.store.WriteConflictException;
import io.iamcore.store.WriteRejectedException;
import io.iamcore.store.WriteUnavailableException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.UUID;

/**
 * The one place where failures become HTTP answers: status, body (SCIM error or
 * {@code {"error": …}}), Retry-After, and log level. Expected failures are not logged as errors;
 * an unexpected one is logged with a request id, and the client gets only that id.
 */
public final class ErrorMapper {

  private static final System.Logger LOG = System.getLogger(ErrorMapper.class.getName());

  /** A failure as an HTTP answer, independent of the body dialect. */
  record Problem(int status, String scimType, String code, String message, int retryAfter) {}

  private ErrorMapper() {}

  /** Failure handler for SCIM routes: RFC 7644 §3.12 error bodies. */
  public static void scim(RoutingContext ctx) {
    if (alreadyAnswered(ctx)) {
      return;
    }
    Problem p = problem(ctx);
    prepare(ctx, p);
    Responses.scim(ctx, p.status(), scimBody(p));
  }

  /**
   * The RFC 7644 §3.12 error body for {@code error}, mapped exactly as {@link #scim} maps a failed
   * request: a Bulk operation's {@code response} (read its status back from {@code "status"}).
   *
   * @param where the method and path the failure belongs to, for the log of an unexpected one
   */
  public static JsonObject scimErrorBody(Throwable error, String where) {
    return scimBody(problem(error, 0, where, null));
  }

  private static JsonObject scimBody(Problem p) {
    JsonObject body = new JsonObject()
        .put("schemas", new io.vertx.core.json.JsonArray().add(ScimSchemas.ERROR))
        .put("status", String.valueOf(p.status()));
    if (p.scimType() != null) {
      body.put("scimType", p.scimType());
    }
    return body.put("detail", p.message());
  }

  /** Failure handler for admin, data and identity routes. */
  public static void api(RoutingContext ctx) {
    if (alreadyAnswered(ctx)) {
      return;
    }
    Problem p = problem(ctx);
    prepare(ctx, p);
    Responses.json(ctx, p.status(), new JsonObject().put("error",
        new JsonObject().put("code", p.code()).put("message", p.message())));
  }

  /**
   * A failure after the answer started (typically the client hung up while we wrote it) has no
   * one left to tell: nothing to send, and not worth more than a debug line.
   */
  private static boolean alreadyAnswered(RoutingContext ctx) {
    if (ctx.response().headWritten() || ctx.response().closed()) {
      LOG.log(System.Logger.Level.DEBUG, () -> "client gone before the answer to " + ctx.request().method()
          + " " + ctx.normalizedPath() + " was written: " + ctx.failure());
      return true;
    }
    return false;
  }

  private static void prepare(RoutingContext ctx, Problem p) {
    if (p.retryAfter() > 0) {
      ctx.response().putHeader("Retry-After", String.valueOf(p.retryAfter()));
    }
    if (p.status() == 401) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
    }
  }

  static Problem problem(RoutingContext ctx) {
    return problem(ctx.failure(), ctx.statusCode(), ctx.request().method() + " " + ctx.normalizedPath(),
        AccessLog.requestId(ctx));
  }

  private static Problem problem(Throwable error, int statusCode, String where, String requestId) {
    if (error instanceof ScimException e) {
      return new Problem(e.status(), e.scimType(), code(e.status()), e.detail(), 0);
    }
    if (error instanceof ApiException e) {
      return new Problem(e.status(), scimType(e.status()), e.code(), e.getMessage(), 0);
    }
    if (error instanceof AuthenticationException e) {
      return new Problem(401, null, "unauthorized", "authentication failed: " + e.reason(), 0);
    }
    if (error instanceof WriteUnavailableException e) {
      return new Problem(503, null, "unavailable", e.getMessage(), e.retryAfterSeconds());
    }
    if (error instanceof WriteConflictException e) {
      return new Problem(409, "uniqueness", "conflict", e.getMessage(), 0);
    }
    if (error instanceof WriteRejectedException e && e.getMessage() != null) {
      return new Problem(400, "invalidValue", "invalidRequest", e.getMessage(), 0);
    }
    if (error != null && DatabaseHealth.isConnectionFailure(error)) {
      return new Problem(503, null, "unavailable", "the database is busy or unreachable; retry", 2);
    }
    if (error instanceof DecodeException) {
      return new Problem(400, "invalidSyntax", "invalidRequest", "the body is not valid JSON", 0);
    }
    if (error instanceof HttpException e) {
      return new Problem(e.getStatusCode(), scimType(e.getStatusCode()), code(e.getStatusCode()),
          message(e.getStatusCode()), 0);
    }
    if (error == null && statusCode > 0 && statusCode < 500) {
      return new Problem(statusCode, scimType(statusCode), code(statusCode), message(statusCode), 0);
    }
    if (requestId == null) {
      requestId = UUID.randomUUID().toString();
    }
    LOG.log(System.Logger.Level.ERROR, "request " + requestId + " " + where + " failed", error);
    return new Problem(500, null, "internalError", "internal error; request id " + requestId, 0);
  }

  private static String scimType(int status) {
    return status == 400 ? "invalidSyntax" : null;
  }

  private static String code(int status) {
    switch (status) {
      case 400: return "invalidRequest";
      case 401: return "unauthorized";
      case 403: return "forbidden";
      case 404: return "notFound";
      case 405: return "methodNotAllowed";
      case 409: return "conflict";
      case 412: return "preconditionFailed";
      case 413: return "payloadTooLarge";
      case 415: return "unsupportedMediaType";
      case 501: return "notImplemented";
      case 503: return "unavailable";
      default: return "error";
    }
  }

  private static String message(int status) {
    switch (status) {
      case 404: return "no such resource";
      case 405: return "method not allowed on this resource";
      case 413: return "the request body is larger than the limit";
      case 415: return "send the body as application/scim+json or application/json";
      default: return "the request cannot be served (" + status + ")";
    }
  }
}
