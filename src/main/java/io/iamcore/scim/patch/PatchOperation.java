package io.iamcore.scim.patch;

import java.util.Locale;

/**
 * One operation of a SCIM PATCH request (RFC 7644 §3.5.2).
 *
 * <p>{@code value} is what the client sent: a {@link String}, {@link Boolean}, {@link Number},
 * {@link io.vertx.core.json.JsonObject}, {@link io.vertx.core.json.JsonArray} or {@code null}.
 * {@link PatchRequest#parse} hands out private copies; treat them as read-only, the applier copies
 * again before storing anything.
 */
public sealed interface PatchOperation
    permits PatchOperation.Add, PatchOperation.Replace, PatchOperation.Remove {

  /** The target, or {@code null} for a path-less add/replace (the target is the resource). */
  PatchPath path();

  Object value();

  /** The canonical lower-case op name. */
  default String opName() {
    return getClass().getSimpleName().toLowerCase(Locale.ROOT);
  }

  /** RFC 7644 §3.5.2.1. {@code value} is never null. */
  record Add(PatchPath path, Object value) implements PatchOperation {}

  /** RFC 7644 §3.5.2.3. {@code value} is never null. */
  record Replace(PatchPath path, Object value) implements PatchOperation {}

  /**
   * RFC 7644 §3.5.2.2. {@code path} is never null. {@code value} is normally null; Entra's legacy
   * dialect puts the members to remove there (see {@link EntraPatchQuirks}).
   */
  record Remove(PatchPath path, Object value) implements PatchOperation {}
}
