package io.iamcore.scim.patch;

import io.iamcore.scim.ScimException;
import io.iamcore.scim.filter.FilterEvaluator;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * Applies SCIM PATCH operations (RFC 7644 §3.5.2) to a resource, with every Entra habit in
 * {@code shared/entra-corpus} (see {@link EntraPatchQuirks}, {@link ValueFilterSeed}).
 *
 * <p>All or nothing: the operations run against a deep copy; the first failing operation throws
 * and the copy is dropped. The input is never modified, so a cached resource can be patched
 * directly. Thread-safe and stateless: one instance serves every request.
 */
public final class PatchApplier {

  private final SchemaHints hints;
  private final FilterEvaluator evaluator;

  /** The RFC 7643 User/Group/enterprise schemas and their case rules. */
  public PatchApplier() {
    this(SchemaHints.rfc7643(), new FilterEvaluator());
  }

  public PatchApplier(SchemaHints hints, FilterEvaluator evaluator) {
    this.hints = Objects.requireNonNull(hints, "hints");
    this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
  }

  /**
   * @return the patched copy, and whether it differs from {@code resource}
   * @throws ScimException the first operation's failure, its detail prefixed with
   *     {@code Operations[i]}: {@code mutability} (id, meta, schemas), {@code noTarget} (a filter
   *     without match on remove, or one that cannot seed a new value), {@code invalidValue},
   *     {@code invalidPath}
   */
  public PatchResult apply(JsonObject resource, List<PatchOperation> operations) {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(operations, "operations");
    JsonObject work = resource.copy();
    PatchSession session = new PatchSession(work, hints, evaluator);
    for (int i = 0; i < operations.size(); i++) {
      try {
        session.apply(operations.get(i));
      } catch (ScimException e) {
        throw new ScimException(e.status(), e.scimType(), "Operations[" + i + "]: " + e.detail());
      }
    }
    return new PatchResult(work, !work.equals(resource));
  }
}
