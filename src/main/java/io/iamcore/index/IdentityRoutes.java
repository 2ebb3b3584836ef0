package io.iamcore.index;

import io.iamcore.auth.Roles;
import io.iamcore.http.ApiAuth;
import io.iamcore.http.ApiException;
import io.iamcore.http.Caller;
import io.iamcore.http.Requests;
import io.iamcore.http.Responses;
import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The hot path (PRODUCT.md §3.4): {@code GET /iamcore/identities/me},
 * {@code POST /iamcore/identities/resolve} and {@code GET /iamcore/identities?entraObjectId=…},
 * answered from the identity index with the identity's pre-serialized JSON.
 */
public final class IdentityRoutes {

  static final int MAX_RESOLVE = 1000;
  /** Pre-encoded header name and value: a String value is re-validated on every response. */
  private static final CharSequence CONTENT_TYPE = HttpHeaders.createOptimized("Content-Type");
  private static final CharSequence JSON = HttpHeaders.createOptimized(Responses.JSON);
  private static final String BASE = "/iamcore/identities";
  /** The caller's own identity; also answered by {@link IdentityFastLane} when it is a hit. */
  static final String ME = BASE + "/me";

  private final IdentityIndex index;
  private final ApiAuth auth;

  public IdentityRoutes(IdentityIndex index, ApiAuth auth) {
    this.index = index;
    this.auth = auth;
  }

  /** Mount before the generic core-object routes: {@code /me} is not an id. */
  public void mount(Router router) {
    router.get(ME).handler(auth.anyRole()).handler(this::me);
    router.post(BASE + "/resolve").handler(auth.require(Roles.IDENTITY_RESOLVE)).handler(this::resolve);
    router.get(BASE).handler(auth.require(Roles.SYNCHRONIZATION_CONFIGURATION_READ)).handler(this::byEntraObjectId);
  }

  /** A hit answers in this call (no future, no second lookup); a miss goes the asynchronous way. */
  private void me(RoutingContext ctx) {
    Caller caller = Caller.of(ctx);
    String oid = caller.token().objectId();
    if (oid == null) {
      throw ApiException.badRequest("the token has no oid claim");
    }
    byte[] json = index.hit(caller.tenantId(), oid);
    if (json != null) {
      sendIdentity(ctx.response(), json);
      return;
    }
    index.afterMiss(caller.tenantId(), oid)
        .compose(found -> found.map(bytes -> sendIdentity(ctx.response(), bytes)).orElseThrow(() ->
            ApiException.notFound("no CoreIdentity has entraObjectId " + oid + " in your tenant")))
        .onFailure(ctx::fail);
  }

  /** {@code {"oids": [...]}} → {@code {"<oid>": identity | null}} for the caller's tenant. */
  private void resolve(RoutingContext ctx) {
    Object raw = Requests.jsonObject(ctx, ApiException::badRequest).getValue("oids");
    if (!(raw instanceof JsonArray array) || array.size() > MAX_RESOLVE) {
      throw ApiException.badRequest("oids must be an array of at most " + MAX_RESOLVE + " object ids");
    }
    Set<String> oids = new LinkedHashSet<>();
    for (Object oid : array) {
      if (!(oid instanceof String s) || s.isEmpty()) {
        throw ApiException.badRequest("oids must contain only non-empty strings");
      }
      oids.add(s);
    }
    UUID tenant = Caller.of(ctx).tenantId();
    List<String> ordered = new ArrayList<>(oids);
    List<Future<Optional<byte[]>>> lookups = new ArrayList<>();
    ordered.forEach(oid -> lookups.add(index.resolve(tenant, oid)));
    Future.all(lookups).map(all -> {
          Buffer body = Buffer.buffer().appendString("{");
          for (int i = 0; i < ordered.size(); i++) {
            if (i > 0) {
              body.appendString(",");
            }
            Optional<byte[]> found = lookups.get(i).result();
            body.appendString(Json.encode(ordered.get(i))).appendString(":");
            found.ifPresentOrElse(body::appendBytes, () -> body.appendString("null"));
          }
          return body.appendString("}");
        })
        .compose(body -> send(ctx.response(), body))
        .onFailure(ctx::fail);
  }

  /** Only {@code ?entraObjectId=…} (and {@code limit}) is answered here; other lists go on to SQL. */
  private void byEntraObjectId(RoutingContext ctx) {
    String oid = ctx.request().getParam("entraObjectId");
    boolean onlyOid = oid != null && ctx.queryParams().names().stream()
        .allMatch(n -> n.equals("entraObjectId") || n.equals("limit"));
    if (!onlyOid) {
      ctx.next();
      return;
    }
    index.resolve(Caller.of(ctx).tenantId(), oid)
        .compose(found -> {
          Buffer body = Buffer.buffer("{\"items\":[");
          found.ifPresent(body::appendBytes);
          return send(ctx.response(), body.appendString("],\"nextCursor\":null}"));
        })
        .onFailure(ctx::fail);
  }

  /**
   * One identity's answer, the same from the router's {@code /me} and from
   * {@link IdentityFastLane}: its JSON from the index, not copied into a buffer first (the index
   * never changes a published array, a change publishes a new one; Netty copies the bytes into its
   * socket buffer when it writes them).
   */
  static Future<Void> sendIdentity(HttpServerResponse response, byte[] json) {
    return send(response, BufferInternal.buffer(Unpooled.wrappedBuffer(json)));
  }

  private static Future<Void> send(HttpServerResponse response, Buffer json) {
    return response.setStatusCode(200).putHeader(CONTENT_TYPE, JSON).end(json);
  }
}
