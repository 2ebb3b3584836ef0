package io.iamcore.scim.bulk;

import java.util.Locale;

/** The HTTP methods a Bulk operation may carry (RFC 7644 §3.7), with the status of their success. */
public enum BulkMethod {
  POST(201),
  PUT(200),
  PATCH(200),
  DELETE(204);

  private final int successStatus;

  BulkMethod(int successStatus) {
    this.successStatus = successStatus;
  }

  /** The status a successful operation reports, as the same request outside Bulk would answer. */
  public int successStatus() {
    return successStatus;
  }

  /** POST addresses a resource type endpoint ({@code /Users}); the others one resource. */
  public boolean addressesResource() {
    return this != POST;
  }

  /** DELETE carries no {@code data}. */
  public boolean needsData() {
    return this != DELETE;
  }

  /** The method named by {@code text} in any case, or {@code null}. */
  static BulkMethod parse(String text) {
    for (BulkMethod method : values()) {
      if (method.name().equals(text.toUpperCase(Locale.ROOT))) {
        return method;
      }
    }
    return null;
  }
}
