package io.iamcore.scim;

/**
 * A SCIM protocol error (RFC 7644 §3.12): an HTTP status, an optional {@code scimType} and a
 * client-safe detail. The HTTP layer maps it to an {@code urn:ietf:params:scim:api:messages:2.0:Error}
 * body; the detail is shown to the caller, so it must never carry SQL, stack traces or secrets.
 */
public final class ScimException extends RuntimeException {

  private final int status;
  private final String scimType;

  public ScimException(int status, String scimType, String detail) {
    super(detail, null, false, false);
    this.status = status;
    this.scimType = scimType;
  }

  public int status() {
    return status;
  }

  /** The RFC 7644 {@code scimType}, or {@code null} when the status alone says it. */
  public String scimType() {
    return scimType;
  }

  public String detail() {
    return getMessage();
  }

  public static ScimException invalidFilter(String detail) {
    return new ScimException(400, "invalidFilter", detail);
  }

  public static ScimException invalidSyntax(String detail) {
    return new ScimException(400, "invalidSyntax", detail);
  }

  public static ScimException invalidValue(String detail) {
    return new ScimException(400, "invalidValue", detail);
  }

  /** RFC 9865 §2.1: a cursor this server did not issue, or issued for another query. */
  public static ScimException invalidCursor(String detail) {
    return new ScimException(400, "invalidCursor", detail);
  }

  /** RFC 9865 §2.1: a cursor older than the advertised {@code cursorTimeout}. */
  public static ScimException expiredCursor(String detail) {
    return new ScimException(400, "expiredCursor", detail);
  }

  public static ScimException invalidPath(String detail) {
    return new ScimException(400, "invalidPath", detail);
  }

  public static ScimException noTarget(String detail) {
    return new ScimException(400, "noTarget", detail);
  }

  public static ScimException mutability(String detail) {
    return new ScimException(400, "mutability", detail);
  }

  public static ScimException tooMany(String detail) {
    return new ScimException(400, "tooMany", detail);
  }

  /** 413: RFC 7644 §3.7.4 names no scimType for an exceeded Bulk limit; the detail names the limit. */
  public static ScimException payloadTooLarge(String detail) {
    return new ScimException(413, null, detail);
  }

  public static ScimException uniqueness(String detail) {
    return new ScimException(409, "uniqueness", detail);
  }

  public static ScimException notFound(String detail) {
    return new ScimException(404, null, detail);
  }

  public static ScimException preconditionFailed(String detail) {
    return new ScimException(412, null, detail);
  }

  public static ScimException unauthorized(String detail) {
    return new ScimException(401, null, detail);
  }

  public static ScimException unavailable(String detail) {
    return new ScimException(503, null, detail);
  }
}
