package io.iamcore.scim.endpoint;

import io.iamcore.store.CsObject;
import io.iamcore.store.ObjectRef;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The four writes of a resource type, validated and submitted to the group-commit writer; shared
 * by its endpoint and by Bulk operations, so both answer the same. Validation failures come back as
 * failed futures, never thrown. {@code ifMatch} may be null.
 */
interface ResourceWrites {

  /** POST: a new resource at {@code ref} (or, for a replayed create, the existing one). */
  Future<CsObject> create(ObjectRef ref, JsonObject body);

  /** PUT: replaces every client-owned attribute. */
  Future<CsObject> replace(ObjectRef ref, JsonObject body, String ifMatch);

  /** PATCH (RFC 7644 §3.5.2), all operations or none. */
  Future<CsObject> patch(ObjectRef ref, JsonObject body, String ifMatch);

  /** DELETE; the result is the deleted copy. */
  Future<CsObject> delete(ObjectRef ref, String ifMatch);
}
