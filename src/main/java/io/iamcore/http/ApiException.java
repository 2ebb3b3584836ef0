package io.iamcore.http;

/**
 * An admin/data/identity API error: status plus the {@code {"error": {"code", "message"}}} body.
 * The message is shown to the caller, so it names what was wrong and never carries internals.
 */
public final class ApiException extends RuntimeException {

  private final int status;
  private final String code;

  public ApiException(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "invalidRequest", message);
  }

  public static ApiException unauthorized(String message) {
    return new ApiException(401, "unauthorized", message);
  }

  public static ApiException forbidden(String message) {
    return new ApiException(403, "forbidden", message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, "notFound", message);
  }

  public static ApiException conflict(String message) {
    return new ApiException(409, "conflict", message);
  }

  public static ApiException preconditionFailed(String message) {
    return new ApiException(412, "preconditionFailed", message);
  }
}
