package io.iamcore.scim.endpoint;

import io.iamcore.scim.UserChanges;
import io.iamcore.scim.UserDocuments;
import io.iamcore.scim.patch.PatchApplier;
import io.iamcore.scim.patch.PatchRequest;
import io.iamcore.store.CsObject;
import io.iamcore.store.GroupCommitWriter;
import io.iamcore.store.ObjectRef;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The four User writes, validated and submitted to the group-commit writer: one code path for
 * {@code /Users} requests and Bulk operations. Each answers after its COMMIT; a body that does not
 * validate fails the future (never throws) and nothing is written.
 */
final class UserWrites implements ResourceWrites {

  private final GroupCommitWriter writer;
  private final PatchApplier patches;

  UserWrites(GroupCommitWriter writer, PatchApplier patches) {
    this.writer = writer;
    this.patches = patches;
  }

  @Override
  public Future<CsObject> create(ObjectRef ref, JsonObject body) {
    return Future.succeededFuture(body)
        .map(UserDocuments::fromRequest)
        .compose(doc -> writer.submit(new UserChanges.Create(ref, doc)));
  }

  /** PUT: replaces every client-owned attribute; {@code ifMatch} may be null. */
  @Override
  public Future<CsObject> replace(ObjectRef ref, JsonObject body, String ifMatch) {
    return Future.succeededFuture(body)
        .map(UserDocuments::fromRequest)
        .compose(doc -> writer.submit(new UserChanges.Replace(ref, doc, ifMatch)));
  }

  /** PATCH: all operations or none, against the latest committed state. */
  @Override
  public Future<CsObject> patch(ObjectRef ref, JsonObject body, String ifMatch) {
    return Future.succeededFuture(body)
        .map(PatchRequest::parse)
        .compose(operations -> writer.submit(new UserChanges.Patch(ref, operations, ifMatch, patches)));
  }

  /** DELETE: a soft deletion. */
  @Override
  public Future<CsObject> delete(ObjectRef ref, String ifMatch) {
    return writer.submit(new UserChanges.Delete(ref, ifMatch));
  }
}
