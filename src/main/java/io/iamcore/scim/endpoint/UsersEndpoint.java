package io.iamcore.scim.endpoint;

import io.iamcore.connector.Connector;
import io.iamcore.http.Requests;
import io.iamcore.http.Responses;
import io.iamcore.scim.ScimException;
import io.iamcore.scim.bulk.BulkTarget;
import io.iamcore.scim.ScimSchemas;
import io.iamcore.scim.UserRepresentation;
import io.iamcore.scim.filter.FilterEvaluator;
import io.iamcore.scim.patch.PatchApplier;
import io.iamcore.scim.patch.SchemaHints;
import io.iamcore.scim.schema.CoreSchemas;
import io.iamcore.scim.schema.SchemaRegistry;
import io.iamcore.store.CsObject;
import io.iamcore.store.CsObjectReader;
import io.iamcore.store.GroupCommitWriter;
import io.iamcore.store.KeyDirectory;
import io.iamcore.store.ObjectRef;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@code /Users} of a SCIM connector: reads from the store, writes through the group-commit writer;
 * lists and searches through {@link UserQueries}.
 */
final class UsersEndpoint {

  static final int MAX_PAGE = 1000;
  private static final String TYPE = ScimSchemas.USER_OBJECT_TYPE;

  private final CsObjectReader reader;
  private final UserQueries queries;
  private final UserWrites writes;

  UsersEndpoint(GroupCommitWriter writer, CsObjectReader reader, KeyDirectory keys, SchemaRegistry schemas,
      CursorPaging cursors) {
    this.reader = reader;
    this.queries = new UserQueries(reader, keys, schemas, CoreSchemas.USER_TYPE, cursors);
    // Value-path filters in PATCH follow the same case rules as queries: the schema definitions.
    this.writes = new UserWrites(writer, new PatchApplier(SchemaHints.rfc7643(),
        new FilterEvaluator(schemas.caseExactness(CoreSchemas.USER_TYPE))));
  }

  /** The same writes, for Bulk operations on /Users. */
  BulkTarget bulkTarget() {
    return new WritesBulkTarget("Users", TYPE, connector -> true, writes);
  }

  void create(RoutingContext ctx) {
    Connector connector = ScimAuth.connector(ctx);
    writes.create(new ObjectRef(connector.tenantId(), connector.id(), TYPE, UUID.randomUUID()), body(ctx))
        .compose(user -> {
          ctx.response().putHeader("Location", location(ctx) + "/" + user.ref().id());
          return answer(ctx, 201, user);
        })
        .onFailure(ctx::fail);
  }

  void get(RoutingContext ctx) {
    ObjectRef ref = ref(ctx, userId(ctx));
    reader.get(ref)
        .compose(found -> {
          CsObject user = found.orElseThrow(() -> notFound(ref));
          if (user.etag().equals(ctx.request().getHeader("If-None-Match"))) {
            return ctx.response().setStatusCode(304).putHeader("ETag", user.etag()).end();
          }
          return answer(ctx, 200, user);
        })
        .onFailure(ctx::fail);
  }

  void replace(RoutingContext ctx) {
    writes.replace(ref(ctx, userId(ctx)), body(ctx), ctx.request().getHeader("If-Match"))
        .compose(user -> answer(ctx, 200, user))
        .onFailure(ctx::fail);
  }

  void patch(RoutingContext ctx) {
    writes.patch(ref(ctx, userId(ctx)), body(ctx), ctx.request().getHeader("If-Match"))
        .compose(user -> answer(ctx, 200, user))
        .onFailure(ctx::fail);
  }

  void delete(RoutingContext ctx) {
    writes.delete(ref(ctx, userId(ctx)), ctx.request().getHeader("If-Match"))
        .compose(user -> Responses.noContent(ctx))
        .onFailure(ctx::fail);
  }

  /** GET /Users: the query string's filter, sort and page. */
  void list(RoutingContext ctx) {
    search(ctx, SearchRequest.fromQuery(ctx, MAX_PAGE));
  }

  /** POST /Users/.search (RFC 7644 §3.4.3): the same query, in the body. */
  void searchPost(RoutingContext ctx) {
    search(ctx, SearchRequest.fromBody(body(ctx), MAX_PAGE));
  }

  /** Answers {@code request} with a ListResponse. */
  void search(RoutingContext ctx, SearchRequest request) {
    find(ctx, request)
        .compose(found -> Responses.scim(ctx, 200, ListResponses.of(found, request)))
        .onFailure(ctx::fail);
  }

  /** The page {@code request} asks for, rendered and projected (also for the root {@code /.search}). */
  Future<Found> find(RoutingContext ctx, SearchRequest request) {
    Connector connector = ScimAuth.connector(ctx);
    KeyDirectory.Scope scope = new KeyDirectory.Scope(connector.tenantId(), connector.id(), TYPE);
    String location = location(ctx);
    Function<CsObject, JsonObject> render = user -> UserRepresentation.render(user, location);
    Projection projection = Projection.of(request.attributes(), request.excludedAttributes());
    return queries.search(scope, request, render).map(page -> {
      JsonArray resources = new JsonArray();
      page.resources().forEach(user -> resources.add(projection.apply(render.apply(user))));
      return new Found(page.total(), resources, page.nextCursor(), page.previousCursor());
    });
  }

  private static Future<Void> answer(RoutingContext ctx, int status, CsObject user) {
    ctx.response().putHeader("ETag", user.etag());
    JsonObject json = Projection.of(ctx).apply(UserRepresentation.render(user, location(ctx)));
    return Responses.scim(ctx, status, json);
  }

  private static JsonObject body(RoutingContext ctx) {
    return Requests.jsonObject(ctx, ScimException::invalidSyntax);
  }

  private static ObjectRef ref(RoutingContext ctx, UUID id) {
    Connector connector = ScimAuth.connector(ctx);
    return new ObjectRef(connector.tenantId(), connector.id(), TYPE, id);
  }

  private static UUID userId(RoutingContext ctx) {
    return Requests.pathId(ctx, "userId", detail -> ScimException.notFound("User " + ctx.pathParam("userId") + " not found"));
  }

  private static ScimException notFound(ObjectRef ref) {
    return ScimException.notFound("User " + ref.id() + " not found");
  }

  /** The absolute URL of this connector's /Users, as the client addressed us. */
  static String location(RoutingContext ctx) {
    return ScimUrls.base(ctx) + "/Users";
  }
}
