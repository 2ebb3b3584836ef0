package io.iamcore.scim.endpoint;

import io.iamcore.scim.GroupChanges;
import io.iamcore.scim.GroupDocuments;
import io.iamcore.scim.GroupPatch;
import io.iamcore.scim.patch.PatchApplier;
import io.iamcore.scim.patch.PatchRequest;
import io.iamcore.store.CsObject;
import io.iamcore.store.GroupCommitWriter;
import io.iamcore.store.ObjectRef;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The four group writes, validated and submitted to the group-commit writer; shared by
 * {@code /Groups} requests and Bulk operations so both answer the same. Validation failures come
 * back as failed futures, never thrown.
 */
final class GroupWrites {

  private final GroupCommitWriter writer;
  private final PatchApplier patches;

  GroupWrites(GroupCommitWriter writer, PatchApplier patches) {
    this.writer = writer;
    this.patches = patches;
  }

  Future<CsObject> create(ObjectRef ref, JsonObject body) {
    return Future.<GroupDocuments.Body>future(p -> p.complete(GroupDocuments.fromRequest(body)))
        .compose(group -> writer.submit(new GroupChanges.Create(ref, group.doc(), group.members())));
  }

  Future<CsObject> replace(ObjectRef ref, JsonObject body, String ifMatch) {
    return Future.<GroupDocuments.Body>future(p -> p.complete(GroupDocuments.fromRequest(body)))
        .compose(group -> writer.submit(new GroupChanges.Replace(ref, group.doc(), group.members(), ifMatch)));
  }

  Future<CsObject> patch(ObjectRef ref, JsonObject body, String ifMatch) {
    return Future.<GroupPatch>future(p -> p.complete(GroupPatch.of(PatchRequest.parse(body))))
        .compose(patch -> writer.submit(new GroupChanges.Patch(ref, patch, ifMatch, patches)));
  }

  Future<CsObject> delete(ObjectRef ref, String ifMatch) {
    return writer.submit(new GroupChanges.Delete(ref, ifMatch));
  }
}
