package io.iamcore.scim.endpoint;

import io.iamcore.connector.Connector;
import io.iamcore.http.Requests;
import io.iamcore.http.Responses;
import io.iamcore.scim.GroupChanges;
import io.iamcore.scim.GroupDocuments;
import io.iamcore.scim.GroupPatch;
import io.iamcore.scim.GroupRepresentation;
import io.iamcore.scim.ScimException;
import io.iamcore.scim.ScimSchemas;
import io.iamcore.scim.bulk.BulkTarget;
import io.iamcore.scim.filter.FilterEvaluator;
import io.iamcore.scim.patch.PatchApplier;
import io.iamcore.scim.patch.PatchRequest;
import io.iamcore.scim.patch.SchemaHints;
import io.iamcore.scim.schema.CoreSchemas;
import io.iamcore.scim.schema.SchemaRegistry;
import io.iamcore.store.CsObject;
import io.iamcore.store.CsObjectReader;
import io.iamcore.store.GroupCommitWriter;
import io.iamcore.store.GroupMemberReader;
import io.iamcore.store.GroupMemberReader.Member;
import io.iamcore.store.KeyDirectory;
import io.iamcore.store.ObjectRef;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /Groups} of a SCIM connector whose configuration has {@code groupsEnabled} (otherwise
 * {@link ScimRoutes} answers 404). Writes go through the group-commit writer as
 * {@link GroupChanges}; the member list is read only when a response shows {@code members}, never
 * for Entra, which always sends {@code excludedAttributes=members}. A PATCH answers 204 (what Entra
 * expects; RFC 7644 §3.5.2 allows it) unless the request asks for attributes, then 200 with the group.
 */
final class GroupsEndpoint {

  private static final String TYPE = ScimSchemas.GROUP_OBJECT_TYPE;
  /** Member lists from this size on are rendered on a worker thread. */
  static final int LARGE_MEMBER_LIST = 5_000;

  private final GroupCommitWriter writer;
  private final CsObjectReader reader;
  private final GroupMemberReader memberReader;
  private final UserQueries queries;
  private final GroupWrites writes;

  GroupsEndpoint(GroupCommitWriter writer, CsObjectReader reader, GroupMemberReader memberReader,
      KeyDirectory keys, SchemaRegistry schemas, CursorPaging cursors) {
    this.writer = writer;
    this.reader = reader;
    this.memberReader = memberReader;
    this.queries = new UserQueries(reader, keys, schemas, CoreSchemas.GROUP_TYPE, cursors);
    this.writes = new GroupWrites(writer, new PatchApplier(SchemaHints.rfc7643(),
        new FilterEvaluator(schemas.caseExactness(CoreSchemas.GROUP_TYPE))));
  }

  BulkTarget bulkTarget() {
    return new WritesBulkTarget("Groups", TYPE, DiscoveryEndpoint::groupsEnabled, writes);
  }

  void create(RoutingContext ctx) {
    writes.create(ref(ctx, UUID.randomUUID()), body(ctx))
        .compose(group -> {
          ctx.response().putHeader("Location", ScimUrls.base(ctx) + "/Groups/" + group.ref().id());
          return answer(ctx, 201, group);
        })
        .onFailure(ctx::fail);
  }

  void get(RoutingContext ctx) {
    ObjectRef ref = ref(ctx, groupId(ctx));
    reader.get(ref)
        .compose(found -> {
          CsObject group = found.orElseThrow(() -> notFound(ref.id().toString()));
          if (group.etag().equals(ctx.request().getHeader("If-None-Match"))) {
            return ctx.response().setStatusCode(304).putHeader("ETag", group.etag()).end();
          }
          return answer(ctx, 200, group);
        })
        .onFailure(ctx::fail);
  }

  void replace(RoutingContext ctx) {
    writes.replace(ref(ctx, groupId(ctx)), body(ctx), ctx.request().getHeader("If-Match"))
        .compose(group -> answer(ctx, 200, group))
        .onFailure(ctx::fail);
  }

  void patch(RoutingContext ctx) {
    writes.patch(ref(ctx, groupId(ctx)), body(ctx), ctx.request().getHeader("If-Match"))
        .compose(group -> {
          if (Projection.of(ctx).requested()) {
            return answer(ctx, 200, group);
          }
          ctx.response().putHeader("ETag", group.etag());
          return Responses.noContent(ctx);
        })
        .onFailure(ctx::fail);
  }

  void delete(RoutingContext ctx) {
    writes.delete(ref(ctx, groupId(ctx)), ctx.request().getHeader("If-Match"))
        .compose(group -> Responses.noContent(ctx))
        .onFailure(ctx::fail);
  }

  void list(RoutingContext ctx) {
    respond(ctx, SearchRequest.fromQuery(ctx, UsersEndpoint.MAX_PAGE));
  }

  void searchPost(RoutingContext ctx) {
    respond(ctx, SearchRequest.fromBody(body(ctx), UsersEndpoint.MAX_PAGE));
  }

  private void respond(RoutingContext ctx, SearchRequest request) {
    find(ctx, request)
        .compose(found -> Responses.scim(ctx, 200, ListResponses.of(found, request)))
        .onFailure(ctx::fail);
  }

  /** The page {@code request} asks for, rendered; members read (for the page only) when shown. */
  Future<Found> find(RoutingContext ctx, SearchRequest request) {
    Connector connector = ScimAuth.connector(ctx);
    KeyDirectory.Scope scope = new KeyDirectory.Scope(connector.tenantId(), connector.id(), TYPE);
    String base = ScimUrls.base(ctx);
    Projection projection = Projection.of(request.attributes(), request.excludedAttributes());
    return queries.search(scope, request, group -> GroupRepresentation.render(group, base, null))
        .compose(page -> membersOf(ctx, projection, page.resources()).map(members -> {
          JsonArray resources = new JsonArray();
          for (CsObject group : page.resources()) {
            List<Member> shown = members == null ? null : members.getOrDefault(group.ref().id(), List.of());
            resources.add(projection.apply(GroupRepresentation.render(group, base, shown)));
          }
          return new Found(page.total(), resources, page.nextCursor(), page.previousCursor());
        }));
  }

  private Future<Map<UUID, List<Member>>> membersOf(RoutingContext ctx, Projection projection, List<CsObject> groups) {
    if (!projection.includes("members") || groups.isEmpty()) {
      return Future.succeededFuture(null);
    }
    Connector connector = ScimAuth.connector(ctx);
    return memberReader.members(connector.tenantId(), connector.id(),
        groups.stream().map(g -> g.ref().id()).toList());
  }

  private Future<Void> answer(RoutingContext ctx, int status, CsObject group) {
    Projection projection = Projection.of(ctx);
    String base = ScimUrls.base(ctx);
    return membersOf(ctx, projection, List.of(group)).compose(members -> {
      List<Member> shown = members == null ? null : members.getOrDefault(group.ref().id(), List.of());
      ctx.response().putHeader("ETag", group.etag());
      if (shown == null || shown.size() < LARGE_MEMBER_LIST) {
        return Responses.scim(ctx, status, projection.apply(GroupRepresentation.render(group, base, shown)));
      }
      // Megabytes of JSON: built and encoded on a worker, not on the event loop.
      return ctx.vertx()
          .executeBlocking(() -> projection.apply(GroupRepresentation.render(group, base, shown)).toBuffer(), false)
          .compose(body -> ctx.response().setStatusCode(status)
              .putHeader("Content-Type", Responses.SCIM_JSON).end(body));
    });
  }

  private static JsonObject body(RoutingContext ctx) {
    return Requests.jsonObject(ctx, ScimException::invalidSyntax);
  }

  private static ObjectRef ref(RoutingContext ctx, UUID id) {
    Connector connector = ScimAuth.connector(ctx);
    return new ObjectRef(connector.tenantId(), connector.id(), TYPE, id);
  }

  private static UUID groupId(RoutingContext ctx) {
    return Requests.pathId(ctx, "groupId", detail -> notFound(ctx.pathParam("groupId")));
  }

  private static ScimException notFound(String id) {
    return ScimException.notFound("Group " + id + " not found");
  }
}
