package io.iamcore.sync;

import io.iamcore.auth.Roles;
import io.iamcore.http.ApiAuth;
import io.iamcore.http.ApiException;
import io.iamcore.http.Caller;
import io.iamcore.http.Cursors;
import io.iamcore.http.Requests;
import io.iamcore.http.Responses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/** {@code /iamcore/sync/rules} (PRODUCT.md §3.2), the seed's {@code New-IAMCoreSyncRule}. */
public final class SyncRuleRoutes {

  static final String BASE = "/iamcore/sync/rules";

  /** Tells the caller which sync job re-evaluates the connector after a rule change. */
  static final String JOB_HEADER = "IAMCore-Sync-Job";

  private final SyncRuleService rules;
  private final SyncJobs jobs;
  private final ApiAuth auth;

  public SyncRuleRoutes(SyncRuleService rules, SyncJobs jobs, ApiAuth auth) {
    this.rules = rules;
    this.jobs = jobs;
    this.auth = auth;
  }

  public void mount(Router router) {
    String read = Roles.SYNCHRONIZATION_CONFIGURATION_READ;
    String write = Roles.SYNCHRONIZATION_CONFIGURATION_READWRITE;
    router.get(BASE).handler(auth.require(read)).handler(this::list);
    router.post(BASE).handler(auth.require(write)).handler(this::create);
    router.get(BASE + "/:id").handler(auth.require(read)).handler(this::get);
    router.put(BASE + "/:id").handler(auth.require(write)).handler(this::replace);
    router.delete(BASE + "/:id").handler(auth.require(write)).handler(this::delete);
  }

  private void list(RoutingContext ctx) {
    int limit = Requests.clampedInt(ctx, "limit", 100, 1, 1000, ApiException::badRequest);
    UUID after = Cursors.decodeUuid(ctx.request().getParam("cursor"));
    rules.list(Caller.of(ctx).tenantId(), after, limit + 1)
        .compose(found -> Responses.json(ctx, 200,
            Cursors.page(found, limit, SyncRule::toJson, r -> r.id().toString())))
        .onFailure(ctx::fail);
  }

  private void create(RoutingContext ctx) {
    JsonObject body = Requests.jsonObject(ctx, ApiException::badRequest);
    rules.create(Caller.of(ctx).tenantId(), body)
        .compose(rule -> resync(ctx, rule))
        .compose(rule -> {
          ctx.response().putHeader("Location", BASE + "/" + rule.id()).putHeader("ETag", rule.etag());
          return Responses.json(ctx, 201, rule.toJson());
        })
        .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    rules.get(Caller.of(ctx).tenantId(), id(ctx))
        .compose(rule -> {
          ctx.response().putHeader("ETag", rule.etag());
          return Responses.json(ctx, 200, rule.toJson());
        })
        .onFailure(ctx::fail);
  }

  private void replace(RoutingContext ctx) {
    JsonObject body = Requests.jsonObject(ctx, ApiException::badRequest);
    rules.replace(Caller.of(ctx).tenantId(), id(ctx), body, ctx.request().getHeader("If-Match"))
        .compose(rule -> resync(ctx, rule))
        .compose(rule -> {
          ctx.response().putHeader("ETag", rule.etag());
          return Responses.json(ctx, 200, rule.toJson());
        })
        .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    UUID tenant = Caller.of(ctx).tenantId();
    rules.get(tenant, id(ctx))
        .compose(rule -> rules.delete(tenant, rule.id()).map(rule))
        .compose(rule -> resync(ctx, rule))
        .compose(v -> Responses.noContent(ctx))
        .onFailure(ctx::fail);
  }

  /** A rule change re-evaluates the connector's objects in a background job (PRODUCT.md §2.6). */
  private io.vertx.core.Future<SyncRule> resync(RoutingContext ctx, SyncRule rule) {
    return jobs.start(rule.tenantId(), rule.connectorId()).map(job -> {
      ctx.response().putHeader(JOB_HEADER, SyncJobRoutes.BASE + "/" + job.getString("id"));
      return rule;
    });
  }

  private static UUID id(RoutingContext ctx) {
    return Requests.pathId(ctx, "id", ApiException::notFound);
  }
}
