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

/** The four group writes ({@link ResourceWrites}): membership changes travel with the change. */
final class GroupWrites implements ResourceWrites {

  private final GroupCommitWriter writer;
  private final PatchApplier patches;

  GroupWrites(GroupCommitWriter writer, PatchApplier patches) {
    this.writer = writer;
    this.patches = patches;
  }

  @Override
  public Future<CsObject> create(ObjectRef ref, JsonObject body) {
    return Future.<GroupDocuments.Body>future(p -> p.complete(GroupDocuments.fromRequest(body)))
        .compose(group -> writer.submit(new GroupChanges.Create(ref, group.doc(), group.members())));
  }

  @Override
  public Future<CsObject> replace(ObjectRef ref, JsonObject body, String ifMatch) {
    return Future.<GroupDocuments.Body>future(p -> p.complete(GroupDocuments.fromRequest(body)))
        .compose(group -> writer.submit(new GroupChanges.Replace(ref, group.doc(), group.members(), ifMatch)));
  }

  @Override
  public Future<CsObject> patch(ObjectRef ref, JsonObject body, String ifMatch) {
    return Future.<GroupPatch>future(p -> p.complete(GroupPatch.of(PatchRequest.parse(body))))
        .compose(patch -> writer.submit(new GroupChanges.Patch(ref, patch, ifMatch, patches)));
  }

  @Override
  public Future<CsObject> delete(ObjectRef ref, String ifMatch) {
    return writer.submit(new GroupChanges.Delete(ref, ifMatch));
  }
}
